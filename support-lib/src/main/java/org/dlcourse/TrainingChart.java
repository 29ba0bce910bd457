package org.dlcourse;

import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.listener.TrainingListener;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link LossHistory} that draws itself live: ONE output area, redrawn in place (not one image
 * per epoch). The title is the progress bar (epoch, batch, elapsed time); the grey line is the
 * loss of each batch, the thick lines the per-epoch losses, and accuracies (if the trainer
 * evaluates any) go on the right-hand axis.
 */
public class TrainingChart extends LossHistory {

    /** Redraw at most this often within an epoch: a PNG costs tens of milliseconds. */
    private static final long REDRAW_MILLIS = 2000;

    private final String title;
    private final List<Double> stepX = new ArrayList<>();
    private int expectedEpochs;
    private int epoch;
    private long startMillis;
    private long lastDrawMillis;
    private String displayId;
    private String progress = "starting";

    public TrainingChart(String title) {
        this.title = title;
    }

    /** Tells the chart how many epochs to expect, for its progress line. */
    public void expectEpochs(int epochs) {
        this.expectedEpochs = epochs;
    }

    @Override
    public void onTrainingBegin(Trainer trainer) {
        startMillis = System.currentTimeMillis();
        displayId = Notebook.show(chart());
    }

    @Override
    public void onTrainingBatch(Trainer trainer, TrainingListener.BatchData batchData) {
        super.onTrainingBatch(trainer, batchData);
        Batch batch = batchData.getBatch();
        long total = Math.max(1, batch.getProgressTotal());
        stepX.add(epoch + (double) (batch.getProgress() + 1) / total);
        progress = "batch " + (batch.getProgress() + 1) + "/" + batch.getProgressTotal();
        long now = System.currentTimeMillis();
        if (now - lastDrawMillis >= REDRAW_MILLIS) {
            redraw();
        }
    }

    @Override
    public void onEpoch(Trainer trainer) {
        super.onEpoch(trainer);
        epoch++;
        progress = "epoch done";
        boolean last = epoch == expectedEpochs;
        if (last || System.currentTimeMillis() - lastDrawMillis >= REDRAW_MILLIS) {
            redraw();
        }
    }

    @Override
    public void onTrainingEnd(Trainer trainer) {
        progress = "done";
        redraw();
    }

    private void redraw() {
        lastDrawMillis = System.currentTimeMillis();
        Notebook.update(displayId, chart());
    }

    /** The current picture: what the output area shows. */
    public XYChart chart() {
        long seconds = startMillis == 0 ? 0 : (System.currentTimeMillis() - startMillis) / 1000;
        String epochs = expectedEpochs > 0 ? epoch + "/" + expectedEpochs : String.valueOf(epoch);
        XYChart chart = Plots.xy(String.format("%s · epoch %s · %s · %d:%02d", title, epochs, progress,
                seconds / 60, seconds % 60), "epoch", "loss");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        if (expectedEpochs > 0) {
            chart.getStyler().setXAxisMin(0.0).setXAxisMax((double) expectedEpochs);
        }
        List<Double> steps = steps();
        if (!steps.isEmpty()) {
            double[] x = stepX.stream().mapToDouble(Double::doubleValue).toArray();
            double[] y = steps.subList(steps.size() - x.length, steps.size()).stream().mapToDouble(Double::doubleValue).toArray();
            Plots.line(chart, "batch loss", x, y).setLineColor(new Color(190, 190, 190));
        }
        if (!epochs().isEmpty()) {
            for (String name : epochs().get(0).keySet()) {
                addEpochSeries(chart, name);
            }
        }
        if (chart.getSeriesMap().isEmpty()) {
            Plots.line(chart, "waiting for the first batch", new double[] {0}, new double[] {0});
        }
        return chart;
    }

    private void addEpochSeries(XYChart chart, String name) {
        List<Double> values = epochs(name);
        double[] x = new double[values.size()];
        double[] y = new double[values.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
            y[i] = values.get(i);
        }
        XYSeries series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        if (!name.toLowerCase(java.util.Locale.ROOT).endsWith("loss")) {
            // Accuracies and other scores: right-hand axis, 0..1.
            series.setYAxisGroup(1);
            chart.setYAxisGroupTitle(1, "score");
            chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        }
    }

    /** For tests: the last recorded epoch's evaluations. */
    Map<String, Double> lastEpoch() {
        return epochs().isEmpty() ? Map.of() : epochs().get(epochs().size() - 1);
    }
}
