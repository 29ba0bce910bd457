package org.dlcourse.draw;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/** Pictures put together: charts and images side by side, as the GAN monitor shows them. */
public final class Pictures {

    /** White space between two pictures, in pixels. */
    public static final int GAP = 12;

    private Pictures() {}

    /** Charts and images side by side on a white page, centred vertically. */
    public static BufferedImage sideBySide(Object... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("nothing to show: give at least one chart or image");
        }
        BufferedImage[] images = new BufferedImage[parts.length];
        int width = GAP * (parts.length - 1);
        int height = 0;
        for (int i = 0; i < parts.length; i++) {
            images[i] = toImage(parts[i]);
            width += images[i].getWidth();
            height = Math.max(height, images[i].getHeight());
        }
        BufferedImage page = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = HouseStyle.whitePage(page);
        try {
            int x = 0;
            for (BufferedImage image : images) {
                g.drawImage(image, x, (height - image.getHeight()) / 2, null);
                x += image.getWidth() + GAP;
            }
        } finally {
            g.dispose();
        }
        return page;
    }

    private static BufferedImage toImage(Object part) {
        if (part instanceof BufferedImage image) {
            return image;
        }
        if (part instanceof Chart<?, ?> chart) {
            return BitmapEncoder.getBufferedImage(chart);
        }
        throw new IllegalArgumentException("a live output shows XChart charts and images, not "
                + (part == null ? "null" : part.getClass().getName()));
    }
}
