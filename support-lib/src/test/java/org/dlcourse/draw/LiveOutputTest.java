package org.dlcourse.draw;

import org.dlcourse.Plots;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class LiveOutputTest {

    @AfterEach
    void disconnect() {
        Notebook.disconnect();
    }

    private static List<String> recordCalls() {
        List<String> calls = new ArrayList<>();
        Notebook.connect(o -> {
            calls.add("show");
            return "area1";
        }, (id, o) -> calls.add("update " + id));
        return calls;
    }

    @Test
    void theFirstDrawingOpensAnOutputAreaAndLaterOnesRedrawIt() {
        List<String> calls = recordCalls();
        LiveOutput output = new LiveOutput(() -> new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB));
        output.redraw();
        output.redraw();
        output.redraw();
        assertEquals(List.of("show", "update area1", "update area1"), calls, "one output area, redrawn in place");
    }

    @Test
    void redrawingSometimesDrawsAtOnceThenWaitsBetweenDrawings() {
        List<String> calls = recordCalls();
        int[] drawn = {0};
        LiveOutput output = new LiveOutput(() -> {
            drawn[0]++;
            return Plots.xy("chart", "x", "y");
        });
        for (int batch = 0; batch < 100; batch++) {
            output.redrawSometimes();   // 100 batches in far less than the two seconds between drawings
        }
        assertEquals(1, drawn[0], "the first call draws, the next 99 are too soon");
        output.redraw();
        assertEquals(List.of("show", "update area1"), calls, "the final redraw always happens");
    }

    @Test
    void outsideANotebookItKeepsThePicture() {
        LiveOutput output = new LiveOutput(() -> Plots.xy("chart", "x", "y"));
        output.redraw();
        assertNotNull(output.picture());
    }
}
