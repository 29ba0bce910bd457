package org.dlcourse.draw;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;

/** A confusion matrix painted: one cell per (true, predicted) class pair, shaded by the share of its row. */
public final class MatrixPicture {

    private static final int CELL = 46;

    private MatrixPicture() {}

    /** {@code counts[true][predicted]}, the class names, a title on top. */
    public static BufferedImage draw(int[][] counts, List<String> classNames, String title) {
        int n = counts.length;
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D measure = probe.createGraphics();
        measure.setFont(HouseStyle.TEXT);
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
        Graphics2D g = HouseStyle.whitePage(image);
        try {
            g.drawString(title, 6, 18);
            g.setFont(HouseStyle.TEXT);
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
}
