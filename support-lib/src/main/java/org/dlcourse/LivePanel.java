package org.dlcourse;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Several pictures side by side (charts and images) in ONE output area, redrawn in place: the way
 * to watch two things change together while a network trains, e.g. a GAN's losses and its samples,
 * without printing a new image every epoch. Outside a notebook it only keeps the picture.
 *
 * <pre>{@code
 * LivePanel panel = new LivePanel();
 * panel.show(lossChart, sampleGrid);   // first call: a new output area
 * panel.show(lossChart, sampleGrid);   // later calls: the same area, redrawn
 * }</pre>
 */
public final class LivePanel {

    /** White space between two pictures, in pixels. */
    static final int GAP = 12;

    private String displayId;
    private boolean shown;
    private BufferedImage picture;

    /**
     * Draws the parts (XChart charts or images) side by side, centred vertically: in a new output
     * area the first time, in place of the previous picture afterwards. Returns the picture.
     */
    public BufferedImage show(Object... parts) {
        picture = compose(parts);
        if (!shown) {
            displayId = Notebook.show(picture);
            shown = true;
        } else {
            Notebook.update(displayId, picture);
        }
        return picture;
    }

    /** The picture last shown (null before the first {@link #show}). */
    public BufferedImage picture() {
        return picture;
    }

    /** The parts side by side on a white background. */
    static BufferedImage compose(Object... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("nothing to show: give at least one chart or image");
        }
        List<BufferedImage> images = new ArrayList<>();
        for (Object part : parts) {
            images.add(toImage(part));
        }
        int width = GAP * (images.size() - 1);
        int height = 0;
        for (BufferedImage image : images) {
            width += image.getWidth();
            height = Math.max(height, image.getHeight());
        }
        BufferedImage panel = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = panel.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            int x = 0;
            for (BufferedImage image : images) {
                g.drawImage(image, x, (height - image.getHeight()) / 2, null);
                x += image.getWidth() + GAP;
            }
        } finally {
            g.dispose();
        }
        return panel;
    }

    /** A chart drawn as an image, or the image itself. */
    static BufferedImage toImage(Object part) {
        if (part instanceof BufferedImage) {
            return (BufferedImage) part;
        }
        if (part instanceof Chart) {
            return BitmapEncoder.getBufferedImage((Chart<?, ?>) part);
        }
        if (part instanceof RenderedImage) {
            RenderedImage rendered = (RenderedImage) part;
            BufferedImage copy = new BufferedImage(rendered.getWidth(), rendered.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = copy.createGraphics();
            try {
                g.drawRenderedImage(rendered, new java.awt.geom.AffineTransform());
            } finally {
                g.dispose();
            }
            return copy;
        }
        throw new IllegalArgumentException("a LivePanel shows XChart charts and images, not "
                + (part == null ? "null" : part.getClass().getName()));
    }
}
