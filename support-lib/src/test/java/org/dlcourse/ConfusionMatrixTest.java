package org.dlcourse;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfusionMatrixTest {

    private static final List<String> CLASSES = List.of("cat", "dog", "frog");
    //                                   truth:   cat cat cat dog dog frog frog frog
    private static final int[] TRUTH = {0, 0, 0, 1, 1, 2, 2, 2};
    private static final int[] PREDICTED = {0, 1, 1, 1, 0, 2, 2, 0};

    @Test
    void countsEachTrueAndPredictedPair() {
        ConfusionMatrix m = ConfusionMatrix.of(TRUTH, PREDICTED, CLASSES);
        assertEquals(1, m.count(0, 0));
        assertEquals(2, m.count(0, 1), "two cats taken for dogs");
        assertEquals(1, m.count(2, 0));
        assertEquals(8, m.total());
        assertEquals(4 / 8.0, m.accuracy(), 1e-12);
        assertEquals(1 / 3.0, m.recall(0), 1e-12);
        assertEquals("cat → dog: 2", m.worstConfusions(1).get(0));
    }

    @Test
    void theTableHasOneRowPerTrueClassAndOneColumnPerPrediction() {
        Table t = ConfusionMatrix.of(TRUTH, PREDICTED, CLASSES).table("test");
        assertEquals(3, t.rowCount());
        assertEquals(4, t.columnCount());
        assertEquals(2, t.intColumn("dog").get(0), "row cat, column dog");
    }

    @Test
    void theHeatMapIsAPicture() {
        BufferedImage image = ConfusionMatrix.of(TRUTH, PREDICTED, CLASSES).image("a title");
        assertTrue(image.getWidth() > 100 && image.getHeight() > 100);
        assertEquals(0xFFFFFF, image.getRGB(image.getWidth() - 1, 0) & 0xFFFFFF, "white background");
    }

    @Test
    void mismatchedOrUnknownClassesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(new int[] {0}, new int[] {0, 1}, CLASSES));
        assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(new int[] {3}, new int[] {0}, CLASSES));
    }
}
