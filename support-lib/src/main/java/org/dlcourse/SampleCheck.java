package org.dlcourse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A measure of generated images, not only pictures: a classifier trained on the real images labels
 * the samples, and we count what it sees. A good generator gives samples the classifier is sure
 * about ({@link #confidentShare}) in every class ({@link #classesAmongConfident}); a collapsed one
 * gives many samples of one or two classes.
 *
 * <p>Confidence alone proves little: a classifier can be sure about pure noise (it never saw any,
 * and nothing made it say "I don't know"). So there is also {@link #pixelDistance}, which needs
 * no classifier at all.
 */
public final class SampleCheck {

    /** The confidence from which a prediction counts as "the classifier recognises it". */
    public static final double CONFIDENT = 0.8;

    private final List<String> classNames;
    private final double threshold;
    private final int[] predicted;
    private final float[] confidence;

    private SampleCheck(List<String> classNames, double threshold, int[] predicted, float[] confidence) {
        this.classNames = List.copyOf(classNames);
        this.threshold = threshold;
        this.predicted = predicted;
        this.confidence = confidence;
    }

    /**
     * The check of {@code (N, classes)} probabilities (a softmax output: each row sums to 1),
     * a prediction counting as confident from {@link #CONFIDENT}.
     */
    public static SampleCheck of(NDArray probabilities, List<String> classNames) {
        return of(probabilities, classNames, CONFIDENT);
    }

    /** As {@link #of(NDArray, List)}, with another confidence threshold. */
    public static SampleCheck of(NDArray probabilities, List<String> classNames, double threshold) {
        long[] shape = probabilities.getShape().getShape();
        if (shape.length != 2 || shape[1] != classNames.size()) {
            throw new IllegalArgumentException("expected probabilities of shape (N, " + classNames.size()
                    + "), one row per sample and one column per class, not " + probabilities.getShape());
        }
        int n = (int) shape[0];
        int classes = (int) shape[1];
        float[] p = probabilities.toType(DataType.FLOAT32, false).toFloatArray();
        int[] predicted = new int[n];
        float[] confidence = new float[n];
        for (int i = 0; i < n; i++) {
            float sum = 0;
            for (int c = 0; c < classes; c++) {
                float v = p[i * classes + c];
                sum += v;
                if (v > confidence[i] || c == 0) {
                    confidence[i] = v;
                    predicted[i] = c;
                }
            }
            if (Math.abs(sum - 1) > 1e-3) {
                throw new IllegalArgumentException("row " + i + " sums to " + sum + ", not 1: pass probabilities"
                        + " (e.g. logits.softmax(1)), not the network's raw outputs");
            }
        }
        return new SampleCheck(classNames, threshold, predicted, confidence);
    }

    /** How many samples were labelled. */
    public int samples() {
        return predicted.length;
    }

    /** The predicted class of each sample. */
    public int[] predicted() {
        return predicted.clone();
    }

    /** The probability of the predicted class, for each sample. */
    public float[] confidence() {
        return confidence.clone();
    }

    public double threshold() {
        return threshold;
    }

    /** How many samples the classifier is confident about (probability at least the threshold). */
    public int confident() {
        int count = 0;
        for (float c : confidence) {
            count += c >= threshold ? 1 : 0;
        }
        return count;
    }

    /** The share of confident samples, 0..1. */
    public double confidentShare() {
        return predicted.length == 0 ? 0 : (double) confident() / predicted.length;
    }

    /** The mean probability of the predicted class. */
    public double meanConfidence() {
        double sum = 0;
        for (float c : confidence) {
            sum += c;
        }
        return predicted.length == 0 ? Double.NaN : sum / predicted.length;
    }

    /** For each class, how many samples are predicted in it (confident or not). */
    public int[] perClass() {
        int[] counts = new int[classNames.size()];
        for (int p : predicted) {
            counts[p]++;
        }
        return counts;
    }

    /** For each class, how many samples are predicted in it with confidence. */
    public int[] confidentPerClass() {
        int[] counts = new int[classNames.size()];
        for (int i = 0; i < predicted.length; i++) {
            if (confidence[i] >= threshold) {
                counts[predicted[i]]++;
            }
        }
        return counts;
    }

    /** How many classes have at least one confident sample: 10 of 10 when no class is missing. */
    public int classesAmongConfident() {
        return (int) Arrays.stream(confidentPerClass()).filter(c -> c > 0).count();
    }

    /** The largest share one class takes of the confident samples: 0.1 if even, near 1 if collapsed. */
    public double largestClassShare() {
        int total = confident();
        return total == 0 ? Double.NaN : (double) Arrays.stream(confidentPerClass()).max().orElse(0) / total;
    }

    /**
     * The indices of up to {@code max} samples predicted in class {@code label}, most confident
     * first: to show what the generator makes of each class.
     */
    public int[] mostConfident(int label, int max) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == label) {
                found.add(i);
            }
        }
        found.sort((a, b) -> Float.compare(confidence[b], confidence[a]));
        return found.stream().limit(max).mapToInt(Integer::intValue).toArray();
    }

    /**
     * The samples sorted by predicted class: one row per class, its name and count on the left, then
     * its {@code perClass} most confident samples. Empty rows are classes the generator misses; rows
     * of near-copies are collapse within a class. {@code pixels}: the labelled samples in the same
     * order, {@code (N, C, H, W)} with values in [0,1].
     */
    public BufferedImage gridByClass(NDArray pixels, int perClass) {
        Shape shape = pixels.getShape();
        if (shape.dimension() != 4 || shape.get(0) != samples()) {
            throw new IllegalArgumentException("expected the " + samples() + " labelled samples as (N, C, H, W), not " + shape);
        }
        int size = (int) (shape.size() / shape.get(0));
        float[] values = pixels.toType(DataType.FLOAT32, false).toFloatArray();
        List<BufferedImage> rows = new ArrayList<>();
        try (NDManager scratch = pixels.getManager().newSubManager()) {
            for (int c = 0; c < classNames.size(); c++) {
                int[] chosen = mostConfident(c, perClass);
                float[] row = new float[chosen.length * size];
                for (int k = 0; k < chosen.length; k++) {
                    System.arraycopy(values, chosen[k] * size, row, k * size, size);
                }
                BufferedImage images = chosen.length == 0 ? null : ImageGrid.of(scratch.create(row,
                        new Shape(chosen.length, shape.get(1), shape.get(2), shape.get(3))), null);
                rows.add(labelledRow(classNames.get(c), perClass()[c], images));
            }
        }
        return stack(rows, "Generated samples by predicted class, most confident first");
    }

    private static final int LABEL_WIDTH = 150;
    private static final int EMPTY_ROW = 40;

    /** Paints the image white and returns its graphics, set for black bold title text (the caller disposes it). */
    private static Graphics2D whitePage(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        return g;
    }

    private static BufferedImage labelledRow(String name, int count, BufferedImage images) {
        int height = images == null ? EMPTY_ROW : images.getHeight();
        int width = LABEL_WIDTH + (images == null ? 200 : images.getWidth());
        BufferedImage row = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = whitePage(row);
        try {
            g.drawString(name, 6, height / 2 - 2);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.setColor(Color.DARK_GRAY);
            g.drawString(count + " predicted", 6, height / 2 + 14);
            if (images != null) {
                g.drawImage(images, LABEL_WIDTH, 0, null);
            } else {
                g.drawString("no sample", LABEL_WIDTH + 8, height / 2 + 4);
            }
        } finally {
            g.dispose();
        }
        return row;
    }

    private static BufferedImage stack(List<BufferedImage> rows, String caption) {
        int top = 24;
        int width = rows.stream().mapToInt(BufferedImage::getWidth).max().orElse(200);
        int height = top + rows.stream().mapToInt(BufferedImage::getHeight).sum();
        BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = whitePage(picture);
        try {
            g.drawString(caption, 4, 17);
            int y = top;
            for (BufferedImage row : rows) {
                g.drawImage(row, 0, y, null);
                y += row.getHeight();
            }
        } finally {
            g.dispose();
        }
        return picture;
    }

    /** One line: the figures the notebook reports. */
    public String summary() {
        return String.format("%d samples: %d confident (p ≥ %.1f, %.0f%%), %d of %d classes among them,"
                        + " largest class %.0f%% of them, mean confidence %.2f", samples(), confident(), threshold,
                100 * confidentShare(), classesAmongConfident(), classNames.size(), 100 * largestClassShare(),
                meanConfidence());
    }

    /** Per class: all predictions and confident ones, as a table. */
    public Table table() {
        int[] all = perClass();
        int[] sure = confidentPerClass();
        return Table.create("Predicted classes of " + samples() + " samples",
                StringColumn.create("class", classNames),
                IntColumn.create("predicted", all),
                IntColumn.create("confident (p ≥ " + threshold + ")", sure));
    }

    /**
     * The class histogram: for each class, how many samples the classifier puts there, confident
     * ones in a darker bar. An even spread over the classes is what real images give.
     */
    public CategoryChart histogram(String title) {
        CategoryChart chart = new CategoryChartBuilder().width(Plots.WIDTH + 160).height(Plots.HEIGHT)
                .title(title).xAxisTitle("predicted class").yAxisTitle("samples").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBorderVisible(false);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setSeriesColors(new Color[] {new Color(0xA6, 0xC8, 0xE8), new Color(0x1F, 0x77, 0xB4)});
        chart.addSeries("all predictions", classNames, toList(perClass()));
        chart.addSeries(String.format("confident (p ≥ %.1f)", threshold), classNames, toList(confidentPerClass()));
        return chart;
    }

    private static List<Integer> toList(int[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    /**
     * How far two sets of images are apart in their pixel statistics: for every pixel, the mean and
     * the spread (standard deviation) over each set; the distance is the root of the mean, over
     * pixels, of (mean₁ − mean₂)² + (spread₁ − spread₂)². It is the Fréchet distance between the two
     * sets when each pixel is seen as an independent Gaussian (the idea of the FID score, on pixels
     * instead of a network's features). Real clothes have a dark border and a bright body, with
     * given spreads; uniform noise is grey 0.5 on average everywhere: far away. Both sets must have
     * the same image shape and value range (e.g. [0,1]); {@code (N, ...)}, any number of images each.
     */
    public static double pixelDistance(NDArray a, NDArray b) {
        long perImageA = a.getShape().size() / a.getShape().get(0);
        long perImageB = b.getShape().size() / b.getShape().get(0);
        if (perImageA != perImageB) {
            throw new IllegalArgumentException("the two sets hold images of different sizes: " + a.getShape()
                    + " and " + b.getShape());
        }
        double[][] statsA = pixelStatistics(a.toType(DataType.FLOAT32, false).toFloatArray(), (int) perImageA);
        double[][] statsB = pixelStatistics(b.toType(DataType.FLOAT32, false).toFloatArray(), (int) perImageB);
        double sum = 0;
        for (int p = 0; p < perImageA; p++) {
            double dMean = statsA[0][p] - statsB[0][p];
            double dSpread = statsA[1][p] - statsB[1][p];
            sum += dMean * dMean + dSpread * dSpread;
        }
        return Math.sqrt(sum / perImageA);
    }

    /** For each pixel of images of {@code size} values stored one after the other: {means, spreads}. */
    static double[][] pixelStatistics(float[] values, int size) {
        int n = values.length / size;
        double[] mean = new double[size];
        double[] spread = new double[size];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < size; p++) {
                mean[p] += values[i * size + p];
            }
        }
        for (int p = 0; p < size; p++) {
            mean[p] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < size; p++) {
                double d = values[i * size + p] - mean[p];
                spread[p] += d * d;
            }
        }
        for (int p = 0; p < size; p++) {
            spread[p] = Math.sqrt(spread[p] / n);
        }
        return new double[][] {mean, spread};
    }
}
