package org.dlcourse;

import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where a classifier goes wrong: {@code count(t, p)} is how many images of true class t it put in
 * class p. The diagonal holds the right answers; a large number off the diagonal names two classes
 * the network mixes up. Shown as a table ({@link #table}) or as a heat map ({@link #image}) whose
 * cells are coloured by the share of each true class, so rare and common classes read alike.
 */
public final class ConfusionMatrix {

    private static final int CELL = 46;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font BOLD = new Font(Font.SANS_SERIF, Font.BOLD, 13);

    private final List<String> classNames;
    private final int[][] counts;

    private ConfusionMatrix(List<String> classNames, int[][] counts) {
        this.classNames = List.copyOf(classNames);
        this.counts = counts;
    }

    /** Counts each (true class, predicted class) pair; {@code truth[i]} and {@code predicted[i]} are image i's classes. */
    public static ConfusionMatrix of(int[] truth, int[] predicted, List<String> classNames) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(truth.length + " true classes but " + predicted.length + " predictions");
        }
        int n = classNames.size();
        int[][] counts = new int[n][n];
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] < 0 || truth[i] >= n || predicted[i] < 0 || predicted[i] >= n) {
                throw new IllegalArgumentException("image " + i + ": class " + truth[i] + " or prediction "
                        + predicted[i] + " is not in 0.." + (n - 1));
            }
            counts[truth[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(classNames, counts);
    }

    /** How many images of class {@code trueClass} were predicted as {@code predictedClass}. */
    public int count(int trueClass, int predictedClass) {
        return counts[trueClass][predictedClass];
    }

    public int total() {
        int sum = 0;
        for (int[] row : counts) {
            for (int c : row) {
                sum += c;
            }
        }
        return sum;
    }

    /** The share of images on the diagonal: the accuracy. */
    public double accuracy() {
        int right = 0;
        for (int c = 0; c < counts.length; c++) {
            right += counts[c][c];
        }
        return total() == 0 ? Double.NaN : (double) right / total();
    }

    /** The share of the images of one class that were recognised (the class's recall). */
    public double recall(int trueClass) {
        int row = 0;
        for (int c : counts[trueClass]) {
            row += c;
        }
        return row == 0 ? Double.NaN : (double) counts[trueClass][trueClass] / row;
    }

    /** The {@code n} largest off-diagonal cells, as "true → predicted: count", largest first. */
    public List<String> worstConfusions(int n) {
        List<int[]> cells = new ArrayList<>();
        for (int t = 0; t < counts.length; t++) {
            for (int p = 0; p < counts.length; p++) {
                if (t != p && counts[t][p] > 0) {
                    cells.add(new int[] {t, p, counts[t][p]});
                }
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
        Table table = Table.create(title, StringColumn.create("true \\ predicted", classNames));
        for (int p = 0; p < counts.length; p++) {
            int[] column = new int[counts.length];
            for (int t = 0; t < counts.length; t++) {
                column[t] = counts[t][p];
            }
            table.addColumns(IntColumn.create(classNames.get(p), column));
        }
        return table;
    }

    /** The matrix as a heat map: counts in the cells, colour = share of the true class (row). */
    public BufferedImage image(String title) {
        int n = counts.length;
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D measure = probe.createGraphics();
        measure.setFont(FONT);
        FontMetrics metrics = measure.getFontMetrics();
        int label = 0;
        for (String name : classNames) {
            label = Math.max(label, metrics.stringWidth(name));
        }
        measure.dispose();
        int left = label + 40;
        int top = 40;
        int bottom = label + 36;
        BufferedImage image = new BufferedImage(Math.max(left + n * CELL + 12, 420), top + n * CELL + bottom,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(Color.BLACK);
            g.setFont(BOLD);
            g.drawString(title, 6, 18);
            g.setFont(FONT);
            for (int t = 0; t < n; t++) {
                int row = 0;
                for (int c : counts[t]) {
                    row += c;
                }
                for (int p = 0; p < n; p++) {
                    double share = row == 0 ? 0 : (double) counts[t][p] / row;
                    g.setColor(shade(share, t == p));
                    int x = left + p * CELL;
                    int y = top + t * CELL;
                    g.fillRect(x, y, CELL - 1, CELL - 1);
                    g.setColor(share > 0.5 ? Color.WHITE : Color.BLACK);
                    String text = Integer.toString(counts[t][p]);
                    g.drawString(text, x + (CELL - g.getFontMetrics().stringWidth(text)) / 2, y + CELL / 2 + 4);
                }
                g.setColor(Color.BLACK);
                String name = classNames.get(t);
                g.drawString(name, left - 6 - g.getFontMetrics().stringWidth(name), top + t * CELL + CELL / 2 + 4);
            }
            AffineTransform straight = g.getTransform();
            for (int p = 0; p < n; p++) {
                g.setTransform(straight);
                g.translate(left + p * CELL + CELL / 2 + 4, top + n * CELL + 6);
                g.rotate(Math.PI / 2);
                g.drawString(classNames.get(p), 0, 0);
            }
            g.setTransform(straight);
            g.drawString("predicted class →", left, image.getHeight() - 8);
            g.rotate(-Math.PI / 2);
            g.drawString("true class →", -(top + n * CELL), 14);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** White for 0, deep blue (diagonal) or deep red (mistakes) for 1. */
    private static Color shade(double share, boolean diagonal) {
        double s = Math.sqrt(Math.max(0, Math.min(1, share))); // small mistakes stay visible
        int[] full = diagonal ? new int[] {31, 90, 170} : new int[] {200, 40, 40};
        return new Color(mix(255, full[0], s), mix(255, full[1], s), mix(255, full[2], s));
    }

    private static int mix(int from, int to, double s) {
        return (int) Math.round(from + (to - from) * s);
    }

    @Override
    public String toString() {
        return String.format("ConfusionMatrix: %d classes, %d images, accuracy %.4f", counts.length, total(), accuracy());
    }
}
