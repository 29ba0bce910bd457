package org.dlcourse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PixelDistanceTest {

    @Test
    void isZeroForTheSameStatisticsAndLargeForNoise() {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(1);
            // "Clothes": a bright square on a black background, brightness varying between images.
            NDArray brightness = manager.randomUniform(0.5f, 1f, new Shape(500, 1, 1, 1));
            NDArray mask = manager.zeros(new Shape(1, 1, 8, 8));
            mask.set(new ai.djl.ndarray.index.NDIndex(":, :, 2:6, 2:6"), 1f);
            NDArray clothes = brightness.mul(mask);
            NDArray moreClothes = manager.randomUniform(0.5f, 1f, new Shape(500, 1, 1, 1)).mul(mask);
            NDArray noise = manager.randomUniform(0f, 1f, new Shape(500, 1, 8, 8));
            assertEquals(0, PixelDistance.between(clothes, clothes), 1e-9);
            double twins = PixelDistance.between(clothes, moreClothes);
            double fromNoise = PixelDistance.between(noise, clothes);
            assertTrue(twins < 0.05, "two draws of the same kind of images are close: " + twins);
            assertTrue(fromNoise > 0.3, "noise is far from them: " + fromNoise);
            assertEquals(fromNoise, PixelDistance.between(clothes, noise), 1e-9, "symmetric");
            assertThrows(IllegalArgumentException.class,
                    () -> PixelDistance.between(clothes, manager.zeros(new Shape(3, 1, 4, 4))));
        }
    }
}
