package org.dlcourse;

import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.listener.TrainingListener;
import org.dlcourse.draw.*;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

import java.util.*;

/**
 * A {@link LossHistory} that draws itself live, in a {@link LiveOutput}. The title is the progress
 * bar (epoch, batch, elapsed time); the grey line is the loss of each batch (block means past 400), the thick lines the
 * per-epoch losses, and accuracies (if the trainer evaluates any) go on the right-hand axis.
 * <p>Made by {@link Training#config}: used in 01 §2, §6; 03 §4; 04 §4, §8; 05 §5; 06 §6.
 */
public class TrainingChart extends LossHistory {

    private final String title;
    private final LiveOutput output = new LiveOutput(this::chart);
    private final List<Double> stepX = new ArrayList<>();
    private int expectedEpochs;
    private int epoch;
    private int batch;
    private long batches;
    private boolean stopped;
    private long startMillis;
    private String progress = Words.of("chart.starting");

    public TrainingChart(String title) { this.title = title; }

    /** Tells the chart how many epochs to expect, for its progress line. */
    public void expectEpochs(int epochs) {
        this.expectedEpochs = epochs;
        this.stopped = false;
    }

    @Override
    public void onTrainingBegin(Trainer trainer) {
        startMillis = System.currentTimeMillis();
        output.redraw();
    }

    @Override
    public void onTrainingBatch(Trainer trainer, TrainingListener.BatchData batchData) {
        super.onTrainingBatch(trainer, batchData);
        Batch data = batchData.getBatch();
        if (batch++ == 0) {   // DJL counts progress in images, not batches: an epoch has ⌈images / batch size⌉
            batches = Math.max(1, (data.getProgressTotal() + data.getSize() - 1) / data.getSize());
        }
        stepX.add(epoch + (double) batch / batches);
        progress = Words.of("chart.batch", batch, batches);
        output.redrawSometimes();
    }

    @Override
    public void onEpoch(Trainer trainer) {
        super.onEpoch(trainer);
        epoch++;
        batch = 0;
        if (epoch == expectedEpochs) {   // the last picture, drawn once: the trainer's end has nothing new to show
            progress = Words.of("chart.done");
            output.redraw();
        } else {
            progress = Words.of("chart.epochDone");
            output.redrawSometimes();
        }
    }

    @Override
    public void onTrainingEnd(Trainer trainer) {
        if (!stopped && epoch != expectedEpochs) {
            progress = Words.of("chart.done");
            output.redraw();
        }
    }

    /** Draws the chart one last time, marked where the user interrupted the training. */
    void stopped() {
        stopped = true;
        progress = Words.of("chart.stopped", epoch + 1, expectedEpochs, batch, batches);
        output.redraw();
    }

    /** What the output area shows now. */
    public XYChart chart() {
        long seconds = startMillis == 0 ? 0 : (System.currentTimeMillis() - startMillis) / 1000;
        String epochs = expectedEpochs > 0 ? epoch + "/" + expectedEpochs : String.valueOf(epoch);
        String state = stopped ? progress : Words.of("chart.progress", epochs, progress);
        XYChart chart = Plots.xy(Words.of("chart.title", title, state, seconds / 60, seconds % 60),
                Words.of("axis.epoch"), Words.of("axis.loss"));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);   // below: the curves fill the plot
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        if (expectedEpochs > 0) chart.getStyler().setXAxisMin(0.0).setXAxisMax((double) expectedEpochs);
        List<Double> steps = steps();
        if (!steps.isEmpty()) {   // block means beyond a few hundred batches: 15,000 points took 1.4 s to draw, 400 take 30 ms
            List<Double> drawn = steps.subList(steps.size() - stepX.size(), steps.size());
            Curves.averaged(chart, Words.of("chart.batchLoss"), stepX::get, drawn, HouseStyle.GREY);
        }
        if (!epochs().isEmpty()) {
            for (String name : epochs().get(0).keySet()) {
                // Losses on the left axis; accuracies and other scores on the right, 0..1.
                Curves.perEpoch(chart, name, epochs(name), !name.toLowerCase(Locale.ROOT).endsWith("loss"));
            }
        }
        if (chart.getSeriesMap().isEmpty()) {
            Plots.line(chart, Words.of("chart.waitingBatch"), new double[] {0}, new double[] {0});
        }
        return chart;
    }
}
