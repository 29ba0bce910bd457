package org.dlcourse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.image.RenderedImage;
import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Charts in the course's style. Every chart is a plain XChart object: the kernel renders the last
 * expression of a cell as a PNG made here, in the kernel (no JavaScript, works offline), and a
 * notebook can keep adding series with XChart's own API.
 */
public final class Plots {

    public static final int WIDTH = 640;
    public static final int HEIGHT = 400;

    private Plots() {}

    /** An empty line chart with a title and axis titles. */
    public static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        Styler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setPlotBorderVisible(false);
        chart.getStyler().setMarkerSize(6);
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
    static double[] doubles(NDArray array) {
        return array.toType(DataType.FLOAT64, false).toDoubleArray();
    }

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

    /** The chart as PNG bytes: what the kernel sends to the notebook. */
    public static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not render chart '" + chart.getTitle() + "' as PNG", e);
        }
    }

    /** An image (an image grid, a sample) as PNG bytes. */
    public static byte[] png(RenderedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode the image as PNG", e);
        }
        return out.toByteArray();
    }
}
