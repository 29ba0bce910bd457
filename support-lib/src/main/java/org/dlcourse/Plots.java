package org.dlcourse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.dlcourse.draw.HouseStyle;
import org.knowm.xchart.*;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.util.List;

/**
 * Charts in the course's style ({@link HouseStyle}). Every chart is a plain XChart object: the kernel
 * renders the last expression of a cell as a PNG ({@link org.dlcourse.draw.Notebook#png}), in the kernel
 * (no JavaScript, works offline), and a notebook can keep adding series with XChart's own API.
 * <p>Used in 01 §1, §2, §4, §6; 02 §2, §6; 03 §1, §2, §5, §7; 04 §6; 05 §3, §6; 06 §3.
 */
public final class Plots {

    public static final int WIDTH = HouseStyle.WIDTH;
    public static final int HEIGHT = HouseStyle.HEIGHT;

    private Plots() {}

    /** An empty line chart with a title and axis titles. */
    public static XYChart xy(String title, String xTitle, String yTitle) {
        return xy(title, xTitle, yTitle, WIDTH, HEIGHT);
    }

    /** As {@link #xy(String, String, String)}, of another size (a square for the plane). */
    public static XYChart xy(String title, String xTitle, String yTitle, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        HouseStyle.chart(chart.getStyler());
        return chart;
    }

    /** An empty bar chart (one bar per category and series), e.g. a class histogram. */
    public static CategoryChart bars(String title, String xTitle, String yTitle, int width, int height) {
        CategoryChart chart = new CategoryChartBuilder().width(width).height(height)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        HouseStyle.chart(chart.getStyler());
        return chart;
    }

    /** Adds a line (no markers). */
    public static XYSeries line(XYChart chart, String name, double[] x, double[] y) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        return s;
    }

    /** Adds points (no line). */
    public static XYSeries points(XYChart chart, String name, double[] x, double[] y) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        return s;
    }

    /** Adds a line through the points of two arrays of the same size (any shape, read in order). */
    public static XYSeries line(XYChart chart, String name, NDArray x, NDArray y) {
        return line(chart, name, doubles(x), doubles(y));
    }

    /** Adds the points of two arrays of the same size (any shape, read in order). */
    public static XYSeries points(XYChart chart, String name, NDArray x, NDArray y) {
        return points(chart, name, doubles(x), doubles(y));
    }

    /** An array's values as doubles, whatever its type. */
    static double[] doubles(NDArray array) { return array.toType(DataType.FLOAT64, false).toDoubleArray(); }

    /** Adds a line through 1, 2, 3, ... (step or epoch numbers). */
    public static XYSeries curve(XYChart chart, String name, List<? extends Number> values) {
        double[] x = new double[values.size()];
        double[] y = new double[values.size()];
        for (int i = 0; i < y.length; i++) {
            x[i] = i + 1;
            y[i] = values.get(i).doubleValue();
        }
        return line(chart, name, x, y);
    }
}
