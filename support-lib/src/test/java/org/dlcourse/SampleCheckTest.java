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

class SampleCheckTest {

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
            SampleCheck check = SampleCheck.of(probabilities, CLASSES);
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
            java.awt.image.BufferedImage grid = check.gridByClass(manager.zeros(new Shape(4, 1, 28, 28)), 8);
            assertTrue(grid.getHeight() > 3 * 28, "one row per class");
            assertThrows(IllegalArgumentException.class, () -> check.gridByClass(manager.zeros(new Shape(3, 1, 28, 28)), 8));
        }
    }

    @Test
    void aCollapsedGeneratorShowsAsOneClass() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray allBags = manager.create(new float[] {0.01f, 0.98f, 0.01f}).reshape(1, 3).repeat(0, 50);
            SampleCheck check = SampleCheck.of(allBags, CLASSES);
            assertEquals(1.0, check.confidentShare(), 1e-9, "every sample is confident...");
            assertEquals(1, check.classesAmongConfident(), "...but all in one class");
            assertEquals(1.0, check.largestClassShare(), 1e-9);
        }
    }

    @Test
    void rawNetworkOutputsAreRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logits = manager.create(new float[][] {{2f, -1f, 0.5f}});
            assertThrows(IllegalArgumentException.class, () -> SampleCheck.of(logits, CLASSES));
            assertThrows(IllegalArgumentException.class, () -> SampleCheck.of(manager.ones(new Shape(2, 4)).div(4), CLASSES));
        }
    }

    @Test
    void pixelDistanceIsZeroForTheSameStatisticsAndLargeForNoise() {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(1);
            // "Clothes": a bright square on a black background, brightness varying between images.
            NDArray brightness = manager.randomUniform(0.5f, 1f, new Shape(500, 1, 1, 1));
            NDArray mask = manager.zeros(new Shape(1, 1, 8, 8));
            mask.set(new ai.djl.ndarray.index.NDIndex(":, :, 2:6, 2:6"), 1f);
            NDArray clothes = brightness.mul(mask);
            NDArray moreClothes = manager.randomUniform(0.5f, 1f, new Shape(500, 1, 1, 1)).mul(mask);
            NDArray noise = manager.randomUniform(0f, 1f, new Shape(500, 1, 8, 8));
            assertEquals(0, SampleCheck.pixelDistance(clothes, clothes), 1e-9);
            double twins = SampleCheck.pixelDistance(clothes, moreClothes);
            double fromNoise = SampleCheck.pixelDistance(noise, clothes);
            assertTrue(twins < 0.05, "two draws of the same kind of images are close: " + twins);
            assertTrue(fromNoise > 0.3, "noise is far from them: " + fromNoise);
            assertEquals(fromNoise, SampleCheck.pixelDistance(clothes, noise), 1e-9, "symmetric");
            assertThrows(IllegalArgumentException.class,
                    () -> SampleCheck.pixelDistance(clothes, manager.zeros(new Shape(3, 1, 4, 4))));
        }
    }
}
