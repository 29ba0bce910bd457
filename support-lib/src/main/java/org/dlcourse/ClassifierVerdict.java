package org.dlcourse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.dlcourse.draw.HouseStyle;
import org.dlcourse.draw.Words;
import org.knowm.xchart.CategoryChart;
import tech.tablesaw.api.*;

import java.awt.Color;
import java.util.*;
import java.util.stream.IntStream;

/**
 * What a classifier says about a set of images, counted: its predicted class and confidence for each,
 * per class, as numbers, a table and a histogram. It measures generated images, not only shows them: a
 * good generator gives samples the classifier is sure about ({@link #confidentShare}) in every class
 * ({@link #classesAmongConfident}); a collapsed one gives many of one or two classes ({@link ImagesByClass}
 * shows them). Confidence alone proves little: a classifier can be sure about pure noise (nothing made it
 * say "I don't know"), hence also {@link PixelDistance}, which needs no classifier.
 * <p>Used in 06 §6 to §8.
 */
public final class ClassifierVerdict {

    /** The confidence from which a prediction counts as "the classifier recognises it". */
    public static final double CONFIDENT = 0.8;

    private final List<String> classNames;
    private final double threshold;
    private final int[] predicted;
    private final float[] confidence;

    private ClassifierVerdict(List<String> classNames, double threshold, int[] predicted, float[] confidence) {
        this.classNames = List.copyOf(classNames);
        this.threshold = threshold;
        this.predicted = predicted;
        this.confidence = confidence;
    }

    /** The verdict of {@code (N, classes)} probabilities (a softmax output: each row sums to 1). */
    public static ClassifierVerdict of(NDArray probabilities, List<String> classNames) {
        long[] shape = probabilities.getShape().getShape();
        if (shape.length != 2 || shape[1] != classNames.size()) {
            throw new IllegalArgumentException(Words.of("error.probabilitiesShape", classNames.size(), probabilities.getShape()));
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
                throw new IllegalArgumentException(Words.of("error.notProbabilities", i, sum));
            }
        }
        return new ClassifierVerdict(classNames, CONFIDENT, predicted, confidence);
    }

    /** How many samples were labelled. */
    public int samples() { return predicted.length; }

    /** The predicted class of each sample. */
    public int[] predicted() { return predicted.clone(); }

    /** The class names, by label. */
    public List<String> classNames() { return classNames; }

    /** How many samples the classifier is confident about (probability at least the threshold). */
    public int confident() {
        return (int) IntStream.range(0, confidence.length).filter(i -> confidence[i] >= threshold).count();
    }

    /** The share of confident samples, 0..1. */
    public double confidentShare() { return predicted.length == 0 ? 0 : (double) confident() / predicted.length; }

    /** The mean probability of the predicted class. */
    public double meanConfidence() {
        return IntStream.range(0, confidence.length).mapToDouble(i -> confidence[i]).average().orElse(Double.NaN);
    }

    /** For each class, how many samples are predicted in it (confident or not). */
    public int[] perClass() {
        int[] counts = new int[classNames.size()];
        for (int p : predicted) counts[p]++;
        return counts;
    }

    /** For each class, how many samples are predicted in it with confidence. */
    public int[] confidentPerClass() {
        int[] counts = new int[classNames.size()];
        for (int i = 0; i < predicted.length; i++) if (confidence[i] >= threshold) counts[predicted[i]]++;
        return counts;
    }

    /** How many classes have at least one confident sample: 10 of 10 when no class is missing. */
    public int classesAmongConfident() { return (int) Arrays.stream(confidentPerClass()).filter(c -> c > 0).count(); }

    /** The largest share one class takes of the confident samples: 0.1 if even, near 1 if collapsed. */
    public double largestClassShare() {
        int total = confident();
        return total == 0 ? Double.NaN : (double) Arrays.stream(confidentPerClass()).max().orElse(0) / total;
    }

    /** The indices of up to {@code max} samples predicted in class {@code label}, most confident first. */
    public int[] mostConfident(int label, int max) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < predicted.length; i++) if (predicted[i] == label) found.add(i);
        found.sort((a, b) -> Float.compare(confidence[b], confidence[a]));
        return found.stream().limit(max).mapToInt(Integer::intValue).toArray();
    }

    /** One line: the figures the notebook reports. */
    public String summary() {
        return Words.of("verdict.summary", samples(), confident(), threshold,
                100 * confidentShare(), classesAmongConfident(), classNames.size(), 100 * largestClassShare(),
                meanConfidence());
    }

    /** Per class: all predictions and confident ones, as a table. */
    public Table table() {
        int[] all = perClass();
        int[] sure = confidentPerClass();
        return Table.create(Words.of("verdict.title", samples()),
                StringColumn.create(Words.of("verdict.class"), classNames),
                IntColumn.create(Words.of("verdict.predicted"), all),
                IntColumn.create(Words.of("verdict.confident", threshold), sure));
    }

    /** Per class, how many samples the classifier puts there, confident ones darker; real images spread evenly. */
    public CategoryChart histogram(String title) {
        CategoryChart chart = Plots.bars(title, Words.of("verdict.axis"), Words.of("verdict.samples"), Plots.WIDTH + 160, Plots.HEIGHT);
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setSeriesColors(new Color[] {HouseStyle.PALE_BLUE, HouseStyle.BLUE});
        chart.addSeries(Words.of("verdict.all"), classNames, toList(perClass()));
        chart.addSeries(Words.of("verdict.confidentShort", threshold), classNames, toList(confidentPerClass()));
        return chart;
    }

    private static List<Integer> toList(int[] values) { return Arrays.stream(values).boxed().toList(); }
}
