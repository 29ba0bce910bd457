package org.dlcourse.draw;

import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * The course's look, in one place: every chart ({@link Plots}) and every picture the library draws
 * (image grids, the confusion matrix, live output) takes its size, colours and fonts from here.
 */
public final class HouseStyle {

    public static final int WIDTH = 640;
    public static final int HEIGHT = 400;
    public static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    public static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    public static final Color BLUE = new Color(0x1F, 0x77, 0xB4);
    public static final Color PALE_BLUE = new Color(0xA6, 0xC8, 0xE8);
    public static final Color ORANGE = new Color(0xE6, 0x55, 0x0D);
    public static final Color GREY = new Color(190, 190, 190);
    public static final Color RED = new Color(0xD0, 0x10, 0x10);

    private HouseStyle() {}

    /** A chart in the house style: white, no frame, legend top right, small markers. */
    public static <S extends Styler> S chart(S styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setMarkerSize(6);
        return styler;
    }

    /** Paints the image white and returns its graphics, set for black title text (the caller disposes it). */
    public static Graphics2D whitePage(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        return g;
    }
}
