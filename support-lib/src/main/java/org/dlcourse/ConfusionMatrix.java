package org.dlcourse;

import org.dlcourse.draw.MatrixPicture;
import org.dlcourse.draw.Words;
import tech.tablesaw.api.*;

import java.awt.image.BufferedImage;
import java.util.*;

/**
 * Where a classifier goes wrong: {@code count(t, p)} is how many images of true class t it put in
 * class p. The diagonal holds the right answers; a large number off the diagonal names two classes
 * the network mixes up. Shown as a table ({@link #table}) or as a heat map ({@link #image}) whose
 * cells are coloured by the share of each true class, so rare and common classes read alike.
 * <p>Used in 04 §5, §8.
 */
public final class ConfusionMatrix {

    private final List<String> classNames;
    private final int[][] counts;

    private ConfusionMatrix(List<String> classNames, int[][] counts) {
        this.classNames = List.copyOf(classNames);
        this.counts = counts;
    }

    /** Counts each (true class, predicted class) pair; {@code truth[i]} and {@code predicted[i]} are image i's classes. */
    public static ConfusionMatrix of(int[] truth, int[] predicted, List<String> classNames) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(Words.of("error.truthVsPredicted", truth.length, predicted.length));
        }
        int n = classNames.size();
        int[][] counts = new int[n][n];
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] < 0 || truth[i] >= n || predicted[i] < 0 || predicted[i] >= n) {
                throw new IllegalArgumentException(Words.of("error.classRange", i, truth[i], predicted[i], n - 1));
            }
            counts[truth[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(classNames, counts);
    }

    /** How many images of class {@code trueClass} were predicted as {@code predictedClass}. */
    public int count(int trueClass, int predictedClass) { return counts[trueClass][predictedClass]; }

    public int total() { return Arrays.stream(counts).flatMapToInt(Arrays::stream).sum(); }

    /** The share of images on the diagonal: the accuracy. */
    public double accuracy() {
        int right = 0;
        for (int c = 0; c < counts.length; c++) right += counts[c][c];
        return total() == 0 ? Double.NaN : (double) right / total();
    }

    /** The share of the images of one class that were recognised (the class's recall). */
    public double recall(int trueClass) {
        int row = Arrays.stream(counts[trueClass]).sum();
        return row == 0 ? Double.NaN : (double) counts[trueClass][trueClass] / row;
    }

    /** The {@code n} largest off-diagonal cells, as "true → predicted: count", largest first. */
    public List<String> worstConfusions(int n) {
        List<int[]> cells = new ArrayList<>();
        for (int t = 0; t < counts.length; t++) {
            for (int p = 0; p < counts.length; p++) {
                if (t != p && counts[t][p] > 0) cells.add(new int[] {t, p, counts[t][p]});
            }
        }
        cells.sort(Comparator.comparingInt((int[] c) -> -c[2]));
        List<String> lines = new ArrayList<>();
        for (int[] c : cells.subList(0, Math.min(n, cells.size()))) {
            lines.add(classNames.get(c[0]) + " → " + classNames.get(c[1]) + ": " + c[2]);
        }
        return lines;
    }

    /** One row per true class, one column per predicted class. */
    public Table table(String title) {
        Table table = Table.create(title, StringColumn.create(Words.of("confusion.corner"), classNames));
        for (int p = 0; p < counts.length; p++) {
            int[] column = new int[counts.length];
            for (int t = 0; t < counts.length; t++) column[t] = counts[t][p];
            table.addColumns(IntColumn.create(classNames.get(p), column));
        }
        return table;
    }

    /** The matrix as a heat map: counts in the cells, colour = share of the true class (row). */
    public BufferedImage image(String title) { return MatrixPicture.draw(counts, classNames, title); }

    @Override
    public String toString() {
        return Words.of("confusion.summary", counts.length, total(), accuracy());
    }
}
