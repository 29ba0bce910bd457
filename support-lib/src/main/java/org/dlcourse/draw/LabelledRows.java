package org.dlcourse.draw;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/** Rows of images, each with a name and a count on its left, stacked under a caption. */
public final class LabelledRows {

    private static final int LABEL_WIDTH = 150;
    private static final int EMPTY_ROW = 40;

    /** One row: the name and count on the left, then the images (null: none). */
    public static BufferedImage row(String name, int count, BufferedImage images) {
        int height = images == null ? EMPTY_ROW : images.getHeight();
        int width = LABEL_WIDTH + (images == null ? 200 : images.getWidth());
        BufferedImage row = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = HouseStyle.whitePage(row);
        try {
            g.drawString(name, 6, height / 2 - 2);
            g.setFont(HouseStyle.TEXT);
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

    /** The rows one under the other, a caption on top. */
    public static BufferedImage stack(List<BufferedImage> rows, String caption) {
        int top = 24;
        int width = rows.stream().mapToInt(BufferedImage::getWidth).max().orElse(200);
        int height = top + rows.stream().mapToInt(BufferedImage::getHeight).sum();
        BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = HouseStyle.whitePage(picture);
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
}
