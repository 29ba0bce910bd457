package org.dlcourse;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SeededInitializerTest {

    private static float[] draw(NDManager manager, long seed) {
        return new SeededInitializer(seed, 1).initialize(manager, new Shape(2, 3), DataType.FLOAT32).toFloatArray();
    }

    @Test
    void bothEnginesStartFromTheSameWeights() {
        try (NDManager mxnet = Engine.getEngine("MXNet").newBaseManager();
             NDManager pytorch = Engine.getEngine("PyTorch").newBaseManager()) {
            assertArrayEquals(draw(mxnet, 7), draw(pytorch, 7));
        }
    }

    @Test
    void theSameSeedGivesTheSameWeightsAndAnotherSeedOthers() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertArrayEquals(draw(manager, 7), draw(manager, 7));
            assertFalse(java.util.Arrays.equals(draw(manager, 7), draw(manager, 8)));
        }
    }

    @Test
    void eachParameterTakesTheNextNumbersOfTheSequence() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SeededInitializer init = new SeededInitializer(7, 1);
            float[] first = init.initialize(manager, new Shape(3), DataType.FLOAT32).toFloatArray();
            float[] second = init.initialize(manager, new Shape(3), DataType.FLOAT32).toFloatArray();
            assertFalse(java.util.Arrays.equals(first, second), "two layers must not start identical");
        }
    }

    @Test
    void theWeightsHaveTheRequestedSpread() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] w = new SeededInitializer(1, 0.5).initialize(manager, new Shape(20_000), DataType.FLOAT32).toFloatArray();
            double mean = 0, square = 0;
            for (float v : w) {
                mean += v / (double) w.length;
                square += v * (double) v / w.length;
            }
            assertEquals(0, mean, 0.02);
            assertEquals(0.5, Math.sqrt(square - mean * mean), 0.02);
            assertThrows(IllegalArgumentException.class, () -> new SeededInitializer(1, -1));
        }
    }
}
