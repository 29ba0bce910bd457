package org.dlcourse.draw;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.XYStyler;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** A heat map painted under an XY chart (XChart has no heat layer under an XY plot): the decision boundary's picture. */
public final class HeatMap {

    private HeatMap() {}

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
    public static BufferedImage under(XYChart chart, double[] xs, double[] ys, double[][] values, double min, double max) {
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
}
