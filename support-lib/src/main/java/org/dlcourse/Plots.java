package org.dlcourse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
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

    /** The heat map's colours: low values blue, the middle white, high values red (pale, so points stay visible). */
    private static final Color HEAT_LOW = new Color(103, 169, 207);
    private static final Color HEAT_MID = new Color(247, 247, 247);
    private static final Color HEAT_HIGH = new Color(239, 138, 98);

    /**
     * A heat map under an XY chart: {@code values[i][j]} is the value at ({@code xs[j]}, {@code ys[i]}),
     * coloured pale blue at {@code min}, white half-way, pale red at {@code max} (values beyond are clamped),
     * so a classifier's decision boundary shows as the white band. The chart's own series (data points,
     * lines) are drawn on top. XChart has no heat layer under an XY plot, so the result is a picture: add
     * the series before calling this. The chart is restyled for it (axes fitted to the grid, transparent
     * backgrounds, no grid lines).
     */
    public static BufferedImage heatMap(XYChart chart, double[] xs, double[] ys, double[][] values, double min, double max) {
        if (ys.length != values.length || xs.length != values[0].length || xs.length < 2 || ys.length < 2 || !(max > min)) {
            throw new IllegalArgumentException("heatMap needs values[ys.length][xs.length], at least 2 x 2, and min < max");
        }
        XYStyler styler = chart.getStyler();
        styler.setXAxisMin(xs[0]).setXAxisMax(xs[xs.length - 1]).setYAxisMin(ys[0]).setYAxisMax(ys[ys.length - 1]);
        Color clear = new Color(0, 0, 0, 0);
        styler.setChartBackgroundColor(clear);
        styler.setPlotBackgroundColor(clear);
        styler.setPlotGridLinesVisible(false);
        styler.setPlotContentSize(1.0);   // the grid's extent fills the plot area, with no margin around the data
        // A first paint lays the chart out: only then does it know where its plot area lies on screen.
        BufferedImage picture = new BufferedImage(chart.getWidth(), chart.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB).createGraphics();
        chart.paint(scratch, chart.getWidth(), chart.getHeight());
        scratch.dispose();
        int left = (int) Math.round(chart.getScreenXFromChart(xs[0]));
        int right = (int) Math.round(chart.getScreenXFromChart(xs[xs.length - 1]));
        int top = (int) Math.round(chart.getScreenYFromChart(ys[ys.length - 1]));
        int bottom = (int) Math.round(chart.getScreenYFromChart(ys[0]));

        Graphics2D g = picture.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, picture.getWidth(), picture.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(heatPixels(values, min, max), left, top, right - left, bottom - top, null);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        chart.paint(g, chart.getWidth(), chart.getHeight());
        g.dispose();
        return picture;
    }

    /** One pixel per grid value, the first row of {@code values} (lowest y) at the bottom. */
    private static BufferedImage heatPixels(double[][] values, double min, double max) {
        int rows = values.length;
        int cols = values[0].length;
        BufferedImage pixels = new BufferedImage(cols, rows, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double t = Math.max(0, Math.min(1, (values[i][j] - min) / (max - min)));
                pixels.setRGB(j, rows - 1 - i, t < 0.5 ? mix(HEAT_LOW, HEAT_MID, 2 * t).getRGB()
                        : mix(HEAT_MID, HEAT_HIGH, 2 * t - 1).getRGB());
            }
        }
        return pixels;
    }

    private static Color mix(Color a, Color b, double t) {
        return new Color((int) Math.round(a.getRed() + t * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + t * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + t * (b.getBlue() - a.getBlue())));
    }

    /** An empty chart in the style of {@link #xy(String, String, String)}, of another size (a square for the plane). */
    public static XYChart xy(String title, String xTitle, String yTitle, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        Styler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setPlotBorderVisible(false);
        styler.setMarkerSize(6);
        return chart;
    }
}
