package org.dlcourse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LivePanelTest {

    @AfterEach
    void disconnect() {
        Notebook.disconnect();
    }

    @Test
    void partsSitSideBySideAtTheHeightOfTheTallest() {
        BufferedImage small = new BufferedImage(30, 20, BufferedImage.TYPE_INT_RGB);
        BufferedImage tall = new BufferedImage(50, 80, BufferedImage.TYPE_INT_RGB);
        BufferedImage panel = LivePanel.compose(small, Plots.xy("chart", "x", "y"), tall);
        assertEquals(30 + Plots.WIDTH + 50 + 2 * LivePanel.GAP, panel.getWidth());
        assertEquals(Plots.HEIGHT, panel.getHeight(), "the chart is the tallest part");
    }

    @Test
    void theFirstShowOpensAnOutputAreaAndLaterShowsRedrawIt() {
        List<String> calls = new ArrayList<>();
        Notebook.connect(o -> {
            calls.add("show");
            return "area1";
        }, (id, o) -> calls.add("update " + id));
        LivePanel panel = new LivePanel();
        BufferedImage image = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
        panel.show(image);
        panel.show(image, image);
        panel.show(image);
        assertEquals(List.of("show", "update area1", "update area1"), calls, "one output area, redrawn in place");
    }

    @Test
    void outsideANotebookItKeepsThePicture() {
        LivePanel panel = new LivePanel();
        BufferedImage shown = panel.show(Plots.xy("chart", "x", "y"));
        assertNotNull(shown);
        assertSame(shown, panel.picture());
    }

    @Test
    void onlyChartsAndImagesCanBeShown() {
        assertThrows(IllegalArgumentException.class, () -> LivePanel.compose("text"));
        assertThrows(IllegalArgumentException.class, LivePanel::compose);
    }
}
