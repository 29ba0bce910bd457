package org.dlcourse.draw;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/** Small pictures laid out in rows, enlarged without smoothing, each with lines of text under it: {@code ImageGrid}'s layout. */
public final class TileGrid {

    private static final int CELL = 90; // pixels a small image is enlarged to, about
    private static final int LINE = 14;

    private TileGrid() {}

    /** Image {@code i} of {@code (N,C,H,W)} floats in [0,1] (or [-1,1] when {@code tanhRange}) as a picture. */
    public static BufferedImage picture(float[] values, int i, int c, int h, int w, boolean tanhRange) {
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
        return picture;
    }

    /** One picture and the lines under it. */
    public record Tile(BufferedImage picture, List<String> lines, boolean wrong) {}

    /** Lays the tiles out in rows of {@code columns}, enlarged without smoothing, with the caption on top. */
    public static BufferedImage draw(List<Tile> tiles, String caption, int columns) {
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
        Graphics2D g = HouseStyle.whitePage(grid);
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            if (caption != null) {
                g.drawString(fit(caption, g.getFontMetrics(), grid.getWidth() - 8), 4, 17);
            }
            g.setFont(HouseStyle.TEXT);
            for (int k = 0; k < tiles.size(); k++) {
                Tile tile = tiles.get(k);
                int x = (k % columns) * cellW + (cellW - imageW) / 2;
                int y = top + (k / columns) * cellH + 4;
                g.drawImage(tile.picture(), x, y, imageW, imageH, null);
                if (tile.wrong()) {
                    g.setColor(HouseStyle.RED);
                    g.setStroke(new BasicStroke(3));
                    g.drawRect(x - 2, y - 2, imageW + 3, imageH + 3);
                }
                for (int l = 0; l < tile.lines().size(); l++) {
                    g.setColor(tile.wrong() && l == 0 ? HouseStyle.RED : l == 0 ? Color.BLACK : Color.DARK_GRAY);
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
