package org.dlcourse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Pictures of images in a grid, as a {@link BufferedImage} (the notebook shows it as a PNG).
 * Images come either from an {@link ImageSet}, labelled with their class and, when predictions
 * are given, the predicted class (wrong ones in red), or from an array of generated images.
 * Only {@code java.awt} drawing on an image in memory: works without a display.
 */
public final class ImageGrid {

    private static final int CELL = 90; // pixels a small image is enlarged to, about
    private static final int LINE = 14;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font CAPTION_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Color WRONG = new Color(0xD0, 0x10, 0x10);

    private ImageGrid() {}

    /** The first {@code count} images of a set with their classes, captioned with the set's name. */
    public static BufferedImage of(ImageSet set, int count) {
        if (count < 1 || count > set.size()) {
            throw new IllegalArgumentException("count " + count + " is not in 1.." + set.size());
        }
        int[] indices = new int[count];
        for (int i = 0; i < count; i++) {
            indices[i] = i;
        }
        return of(set, indices, null);
    }

    /**
     * Images {@code indices} of a set with their true class; with {@code predicted} (one class per
     * index, or null) each shows the predicted class, and a wrong one is framed and written in red,
     * with the true class under it. The caption names the set, so a stand-in is never mistaken for CIFAR-10.
     */
    public static BufferedImage of(ImageSet set, int[] indices, int[] predicted) {
        if (predicted != null && predicted.length != indices.length) {
            throw new IllegalArgumentException(indices.length + " images but " + predicted.length + " predictions");
        }
        List<Tile> tiles = new ArrayList<>();
        int wrong = 0;
        for (int k = 0; k < indices.length; k++) {
            String truth = set.className(set.label(indices[k]));
            BufferedImage picture = set.image(indices[k]);
            if (predicted == null) {
                tiles.add(new Tile(picture, List.of(truth), false));
            } else if (predicted[k] == set.label(indices[k])) {
                tiles.add(new Tile(picture, List.of(truth), false));
            } else {
                wrong++;
                tiles.add(new Tile(picture, List.of(set.className(predicted[k]), "true: " + truth), true));
            }
        }
        String caption = set.name() + ", " + set.usage().name().toLowerCase() + " set"
                + (predicted == null ? "" : ": " + wrong + " of " + indices.length + " predicted wrong (red)");
        return draw(tiles, caption, Math.min(indices.length, 8));
    }

    /**
     * Generated images, e.g. a GAN's samples: an {@code (N,C,H,W)} array (C = 1 or 3, or
     * {@code (N,H,W)} for grey) with values in [0,1], or in [-1,1] (a tanh output, recognised by a
     * negative value), {@code caption} on top (may be null).
     */
    public static BufferedImage of(NDArray images, String caption) {
        Shape shape = images.getShape();
        if (shape.dimension() == 3) {
            shape = new Shape(shape.get(0), 1, shape.get(1), shape.get(2));
        }
        if (shape.dimension() != 4 || (shape.get(1) != 1 && shape.get(1) != 3)) {
            throw new IllegalArgumentException("images must be (N,C,H,W) with C = 1 or 3, or (N,H,W), not " + images.getShape());
        }
        int n = (int) shape.get(0);
        if (n < 1) {
            throw new IllegalArgumentException("no images to show: the array holds 0");
        }
        int c = (int) shape.get(1);
        int h = (int) shape.get(2);
        int w = (int) shape.get(3);
        float[] values = images.toType(DataType.FLOAT32, false).toFloatArray();
        boolean tanhRange = false;
        for (float v : values) {
            tanhRange |= v < 0;
        }
        List<Tile> tiles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BufferedImage picture = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int[] rgb = new int[3];
                    for (int k = 0; k < 3; k++) {
                        float v = values[((i * c + (c == 3 ? k : 0)) * h + y) * w + x];
                        v = tanhRange ? (v + 1) / 2 : v;
                        rgb[k] = Math.round(255 * Math.max(0, Math.min(1, v)));
                    }
                    picture.setRGB(x, y, (rgb[0] << 16) | (rgb[1] << 8) | rgb[2]);
                }
            }
            tiles.add(new Tile(picture, List.of(), false));
        }
        return draw(tiles, caption, Math.min(n, 8));
    }

    /** One picture and the lines under it. */
    private record Tile(BufferedImage picture, List<String> lines, boolean wrong) {}

    /** Lays the tiles out in rows of {@code columns}, enlarged without smoothing, with the caption on top. */
    private static BufferedImage draw(List<Tile> tiles, String caption, int columns) {
        BufferedImage first = tiles.get(0).picture();
        int scale = Math.max(1, Math.round((float) CELL / Math.max(first.getWidth(), first.getHeight())));
        int imageW = first.getWidth() * scale;
        int imageH = first.getHeight() * scale;
        int lines = tiles.stream().mapToInt(t -> t.lines().size()).max().orElse(0);
        int cellW = Math.max(imageW, lines > 0 ? CELL : 0) + 8;
        int cellH = imageH + 8 + lines * LINE;
        int top = caption == null ? 0 : 24;
        int rows = (tiles.size() + columns - 1) / columns;
        BufferedImage grid = new BufferedImage(columns * cellW, top + rows * cellH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            if (caption != null) {
                g.setFont(CAPTION_FONT);
                g.setColor(Color.BLACK);
                g.drawString(fit(caption, g.getFontMetrics(), grid.getWidth() - 8), 4, 17);
            }
            g.setFont(FONT);
            for (int k = 0; k < tiles.size(); k++) {
                Tile tile = tiles.get(k);
                int x = (k % columns) * cellW + (cellW - imageW) / 2;
                int y = top + (k / columns) * cellH + 4;
                g.drawImage(tile.picture(), x, y, imageW, imageH, null);
                if (tile.wrong()) {
                    g.setColor(WRONG);
                    g.setStroke(new BasicStroke(3));
                    g.drawRect(x - 2, y - 2, imageW + 3, imageH + 3);
                }
                for (int l = 0; l < tile.lines().size(); l++) {
                    g.setColor(tile.wrong() && l == 0 ? WRONG : l == 0 ? Color.BLACK : Color.DARK_GRAY);
                    String text = fit(tile.lines().get(l), g.getFontMetrics(), cellW - 4);
                    int textX = (k % columns) * cellW + (cellW - g.getFontMetrics().stringWidth(text)) / 2;
                    g.drawString(text, textX, y + imageH + 2 + (l + 1) * LINE - 3);
                }
            }
        } finally {
            g.dispose();
        }
        return grid;
    }

    /** The text, cut with an ellipsis if it is wider than {@code width} pixels. */
    private static String fit(String text, FontMetrics metrics, int width) {
        if (metrics.stringWidth(text) <= width) {
            return text;
        }
        String cut = text;
        while (cut.length() > 1 && metrics.stringWidth(cut + "…") > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }
}
