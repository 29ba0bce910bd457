package org.dlcourse;

import org.dlcourse.draw.Words;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

import java.util.Random;

/**
 * Initial weights drawn from N(0, σ²) by Java's own random generator, from a given seed. DJL's initializers
 * draw with the engine's generator, so MXNet and PyTorch start the same network from different weights even
 * with the same seed; with this one both start from the same numbers, and a run that converges (or gets
 * stuck) on one engine does the same on the other. Use one instance per network: each parameter it
 * initialises takes the next numbers of the sequence.
 * <p>Used in 03 §2, §4, §5, §7.
 */
public final class SeededInitializer implements Initializer {

    private final Random random;
    private final double sigma;

    public SeededInitializer(long seed, double sigma) {
        if (!(sigma >= 0)) throw new IllegalArgumentException(Words.of("error.sigma", sigma));
        this.random = new Random(seed);
        this.sigma = sigma;
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) values[i] = (float) (random.nextGaussian() * sigma);
        return manager.create(values, shape).toType(dataType, false);
    }
}
