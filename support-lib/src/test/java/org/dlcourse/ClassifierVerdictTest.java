package org.dlcourse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassifierVerdictTest {

    private static final List<String> CLASSES = List.of("shirt", "bag", "boot");

    @Test
    void countsConfidentPredictionsPerClass() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray probabilities = manager.create(new float[][] {
                {0.9f, 0.05f, 0.05f},   // shirt, confident
                {0.5f, 0.3f, 0.2f},     // shirt, unsure
                {0.1f, 0.85f, 0.05f},   // bag, confident
                {0.0f, 0.2f, 0.8f},     // boot, confident (exactly the threshold)
            });
            ClassifierVerdict check = ClassifierVerdict.of(probabilities, CLASSES);
            assertEquals(4, check.samples());
            assertArrayEquals(new int[] {0, 0, 1, 2}, check.predicted());
            assertArrayEquals(new int[] {2, 1, 1}, check.perClass());
            assertArrayEquals(new int[] {1, 1, 1}, check.confidentPerClass());
            assertEquals(3, check.confident());
            assertEquals(0.75, check.confidentShare(), 1e-9);
            assertEquals(3, check.classesAmongConfident());
            assertEquals(1.0 / 3, check.largestClassShare(), 1e-9);
            assertEquals((0.9 + 0.5 + 0.85 + 0.8) / 4, check.meanConfidence(), 1e-6);
            assertArrayEquals(new int[] {0, 1}, check.mostConfident(0, 5));
            assertEquals(3, check.table().rowCount());
            assertEquals(2, check.histogram("classes").getSeriesMap().size());
            java.awt.image.BufferedImage grid = ImagesByClass.of(check, manager.zeros(new Shape(4, 1, 28, 28)), 8);
            assertTrue(grid.getHeight() > 3 * 28, "one row per class");
            assertThrows(IllegalArgumentException.class,
                    () -> ImagesByClass.of(check, manager.zeros(new Shape(3, 1, 28, 28)), 8), "one image per verdict");
        }
    }

    @Test
    void aCollapsedGeneratorShowsAsOneClass() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray allBags = manager.create(new float[] {0.01f, 0.98f, 0.01f}).reshape(1, 3).repeat(0, 50);
            ClassifierVerdict check = ClassifierVerdict.of(allBags, CLASSES);
            assertEquals(1.0, check.confidentShare(), 1e-9, "every sample is confident...");
            assertEquals(1, check.classesAmongConfident(), "...but all in one class");
            assertEquals(1.0, check.largestClassShare(), 1e-9);
        }
    }

    @Test
    void rawNetworkOutputsAreRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logits = manager.create(new float[][] {{2f, -1f, 0.5f}});
            assertThrows(IllegalArgumentException.class, () -> ClassifierVerdict.of(logits, CLASSES));
            assertThrows(IllegalArgumentException.class, () -> ClassifierVerdict.of(manager.ones(new Shape(2, 4)).div(4), CLASSES));
        }
    }
}
