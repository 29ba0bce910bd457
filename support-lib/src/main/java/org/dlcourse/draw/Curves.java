package org.dlcourse.draw;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Long, noisy series on a chart: a curve averaged over blocks of steps (a GAN's step losses are
 * very noisy, and ten thousand points draw slowly), dots at given steps, a dashed level line.
 */
public final class Curves {

    /** At most this many points per averaged curve: steps are averaged in blocks beyond it. */
    public static final int MAX_POINTS = 400;

    private Curves() {}

    /** Adds {@code steps} as a line of at most {@link #MAX_POINTS} block means, each at its block's last step. */
    public static XYSeries averaged(XYChart chart, String name, List<Double> steps, Color color) {
        return averaged(chart, name, step -> step + 1, steps, color);
    }

    /**
     * The same, each block mean drawn at {@code x.applyAsDouble(i)}, {@code i} the index of its block's last step
     * (the training chart counts in epochs). A redraw's cost grows with the points (15,630 took 1.4 s, 400 take
     * 30 ms), so a curve keeps fewer points than the chart has pixels across.
     */
    public static XYSeries averaged(XYChart chart, String name, IntToDoubleFunction x, List<Double> steps, Color color) {
        int block = blockSize(steps.size());
        List<Double> means = blockMeans(steps, block);
        double[] xs = new double[means.size()];
        double[] ys = new double[means.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = x.applyAsDouble(Math.min(steps.size(), (i + 1) * block) - 1);
            ys[i] = means.get(i);
        }
        XYSeries line = chart.addSeries(block == 1 ? name : Words.of("curve.meanOf", name, block), xs, ys);
        line.setMarker(SeriesMarkers.NONE);
        line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        line.setLineColor(color);
        return line;
    }

    /** Adds dots at ({@code steps[i]}, {@code values[i]}), darker than {@code color}; nothing if there are none. */
    public static void dots(XYChart chart, String name, List<Integer> steps, List<Double> values, Color color) {
        if (values.isEmpty()) {
            return;
        }
        XYSeries dots = chart.addSeries(name, steps.subList(0, values.size()), values);
        dots.setMarker(SeriesMarkers.CIRCLE);
        dots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        dots.setMarkerColor(color.darker());
    }

    /** Adds a dashed horizontal line at {@code level}, from step 0 to {@code lastStep}. */
    public static void level(XYChart chart, String name, double level, double lastStep, Color color) {
        XYSeries line = chart.addSeries(name, new double[] {0, lastStep}, new double[] {level, level});
        line.setMarker(SeriesMarkers.NONE);
        line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        line.setLineColor(color);
        line.setLineStyle(SeriesLines.DASH_DASH);
    }

    /** Adds a line through (1, values[0]), (2, values[1]), ...: one point per epoch; a score goes on a right-hand axis. */
    public static void perEpoch(XYChart chart, String name, List<Double> values, boolean score) {
        double[] x = new double[values.size()];
        double[] y = new double[values.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
            y[i] = values.get(i);
        }
        XYSeries series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        if (score) {
            series.setYAxisGroup(1);
            chart.setYAxisGroupTitle(1, "score");
            chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        }
    }

    /** How many steps to average per point so that a curve has at most {@link #MAX_POINTS} points. */
    public static int blockSize(int steps) {
        return Math.max(1, (steps + MAX_POINTS - 1) / MAX_POINTS);
    }

    /** The means of consecutive blocks of {@code block} values (the last block may be shorter). */
    public static List<Double> blockMeans(List<Double> values, int block) {
        List<Double> means = new ArrayList<>();
        for (int start = 0; start < values.size(); start += block) {
            int end = Math.min(values.size(), start + block);
            double sum = 0;
            for (int i = start; i < end; i++) {
                sum += values.get(i);
            }
            means.add(sum / (end - start));
        }
        return means;
    }
}
