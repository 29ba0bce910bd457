package org.dlcourse.draw;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PicturesTest {

    private static XYChart chart() {
        return new XYChartBuilder().width(600).height(400).build();
    }

    @Test
    void sideBySidePartsSitAtTheHeightOfTheTallest() {
        BufferedImage small = new BufferedImage(30, 20, BufferedImage.TYPE_INT_RGB);
        BufferedImage tall = new BufferedImage(50, 80, BufferedImage.TYPE_INT_RGB);
        BufferedImage page = Pictures.sideBySide(small, chart(), tall);
        assertEquals(30 + 600 + 50 + 2 * Pictures.GAP, page.getWidth());
        assertEquals(400, page.getHeight(), "the chart is the tallest part");
        assertThrows(IllegalArgumentException.class, () -> Pictures.sideBySide("text"));
        assertThrows(IllegalArgumentException.class, Pictures::sideBySide);
    }
}
