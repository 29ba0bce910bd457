package org.dlcourse;

import ai.djl.ndarray.NDArray;
import org.dlcourse.draw.*;
import org.dlcourse.run.Interrupted;
import org.dlcourse.run.Interrupts;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.*;

/**
 * What a GAN's training loop shows while it runs, in one {@link LiveOutput}: on the left the two losses,
 * on the right the generator's images for a fixed batch of noise, so the class watches the same 64 images
 * form epoch after epoch. The loop calls {@link #begin}, then {@link #step} after every training step and
 * {@link #epoch} after every epoch. The chart shows each loss averaged over blocks of steps (a GAN's step
 * losses are very noisy), each epoch's mean as a dot, and dashed lines at the equilibrium where the
 * discriminator can no longer tell real from fake (D = ½ everywhere): 2 ln 2 for its loss, ln 2 for the generator's.
 * <p>{@link #step} also ends the loop, between two steps, when the cell is interrupted.
 * <p>Used in 06 §5.
 */
public final class GanMonitor {

    private static final int CHART_WIDTH = 600;
    private static final Color D_COLOR = HouseStyle.BLUE;
    private static final Color G_COLOR = HouseStyle.ORANGE;

    private final String title;
    private final int epochs;
    private final LiveOutput output = new LiveOutput(this::panel);
    private final List<Double> discriminatorSteps = new ArrayList<>();
    private final List<Double> generatorSteps = new ArrayList<>();
    private final List<Integer> epochEnds = new ArrayList<>();
    private BufferedImage samples;
    private long startMillis;
    private String stopped;

    /** A monitor for a run of {@code epochs} epochs; {@code title} heads the loss chart. */
    public GanMonitor(String title, int epochs) {
        if (epochs < 1) throw new IllegalArgumentException(Words.of("error.epochs", epochs));
        this.title = title;
        this.epochs = epochs;
        Interrupts.starting();
    }

    /** Shows the panel, with the images of the untrained generator (any shape {@link ImageGrid} takes). */
    public void begin(NDArray untrainedSamples) {
        startMillis = System.currentTimeMillis();
        samples = ImageGrid.of(untrainedSamples, Words.of("gan.before"));
        output.redraw();
    }

    /** Records one training step's two losses; redraws every few seconds; throws {@link Interrupted} if interrupted. */
    public void step(double discriminatorLoss, double generatorLoss) {
        discriminatorSteps.add(discriminatorLoss);
        generatorSteps.add(generatorLoss);
        if (Interrupts.stopAsked()) {
            stopped = Words.of("gan.stopped", epochEnds.size() + 1, discriminatorSteps.size());
            output.redraw();
            throw new Interrupted(Words.of("gan.interrupted", stopped));
        }
        output.redrawSometimes();
    }

    /** Ends an epoch: records where it ended, shows the generator's new images and redraws. */
    public void epoch(NDArray fixedNoiseSamples) {
        epochEnds.add(discriminatorSteps.size());
        samples = ImageGrid.of(fixedNoiseSamples, Words.of("gan.after", epochEnds.size()));
        output.redraw();
        if (epochEnds.size() == epochs) Interrupts.finished();
    }

    private BufferedImage panel() {
        if (startMillis == 0) startMillis = System.currentTimeMillis();
        return samples == null ? Pictures.sideBySide(chart()) : Pictures.sideBySide(chart(), samples);
    }

    /** The losses of every step, in order. */
    public List<Double> discriminatorLosses() { return Collections.unmodifiableList(discriminatorSteps); }

    public List<Double> generatorLosses() { return Collections.unmodifiableList(generatorSteps); }

    /** The mean loss of each finished epoch. */
    public List<Double> discriminatorEpochLosses() { return epochMeans(discriminatorSteps); }

    public List<Double> generatorEpochLosses() { return epochMeans(generatorSteps); }

    /** What the output area shows now: the loss chart and the sample grid side by side. */
    public BufferedImage picture() { return (BufferedImage) output.picture(); }

    /** The loss chart alone, as tall as the sample grid so that the two sit side by side. */
    public XYChart chart() {
        long seconds = startMillis == 0 ? 0 : (System.currentTimeMillis() - startMillis) / 1000;
        int height = samples == null ? HouseStyle.HEIGHT : Math.max(HouseStyle.HEIGHT, samples.getHeight());
        String progress = stopped != null ? stopped : Words.of("gan.progress", epochEnds.size(), epochs, discriminatorSteps.size());
        XYChart chart = Plots.xy(Words.of("chart.title", title, progress, seconds / 60, seconds % 60),
                Words.of("gan.axis"), Words.of("axis.loss"), CHART_WIDTH, height);
        XYStyler styler = chart.getStyler();
        styler.setChartTitleFont(styler.getChartTitleFont().deriveFont(13f));   // a long title on a small chart
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Vertical);
        styler.setYAxisMin(0.0);
        if (discriminatorSteps.isEmpty()) {
            Plots.line(chart, Words.of("gan.waiting"), new double[] {0}, new double[] {0});
            return chart;
        }
        Curves.averaged(chart, Words.of("gan.dLoss"), discriminatorSteps, D_COLOR);
        Curves.averaged(chart, Words.of("gan.gLoss"), generatorSteps, G_COLOR);
        Curves.dots(chart, Words.of("gan.dMean"), epochEnds, epochMeans(discriminatorSteps), D_COLOR);
        Curves.dots(chart, Words.of("gan.gMean"), epochEnds, epochMeans(generatorSteps), G_COLOR);
        double last = discriminatorSteps.size();
        Curves.level(chart, Words.of("gan.dLevel"), 2 * Math.log(2), last, D_COLOR);
        Curves.level(chart, Words.of("gan.gLevel"), Math.log(2), last, G_COLOR);
        return chart;
    }

    private List<Double> epochMeans(List<Double> steps) {
        List<Double> means = new ArrayList<>();
        int start = 0;
        for (int end : epochEnds) {
            means.add(end > start ? Curves.blockMeans(steps.subList(start, end), end - start).get(0) : Double.NaN);
            start = end;
        }
        return means;
    }
}
