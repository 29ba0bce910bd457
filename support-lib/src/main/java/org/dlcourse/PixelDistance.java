package org.dlcourse;

import org.dlcourse.draw.Words;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * How far two sets of images are apart in their pixel statistics, with no network at all: for
 * every pixel, the mean and the spread (standard deviation) over each set; the distance is the
 * root of the mean, over pixels, of (mean₁ − mean₂)² + (spread₁ − spread₂)². It is the Fréchet
 * distance between the two sets when each pixel is seen as an independent Gaussian (the idea of the
 * FID score, on pixels instead of a network's features). Real clothes have a dark border and a
 * bright body, with given spreads; uniform noise is grey 0.5 on average everywhere: far away.
 * <p>Used in 06 §8.
 */
public final class PixelDistance {

    private PixelDistance() {}

    /** The distance between two sets {@code (N, ...)} of images of the same shape and value range (e.g. [0,1]). */
    public static double between(NDArray a, NDArray b) {
        long perImageA = a.getShape().size() / a.getShape().get(0);
        long perImageB = b.getShape().size() / b.getShape().get(0);
        if (perImageA != perImageB) {
            throw new IllegalArgumentException(Words.of("error.imageSizes", a.getShape(), b.getShape()));
        }
        double[][] statsA = pixelStatistics(a.toType(DataType.FLOAT32, false).toFloatArray(), (int) perImageA);
        double[][] statsB = pixelStatistics(b.toType(DataType.FLOAT32, false).toFloatArray(), (int) perImageB);
        double sum = 0;
        for (int p = 0; p < perImageA; p++) {
            double dMean = statsA[0][p] - statsB[0][p];
            double dSpread = statsA[1][p] - statsB[1][p];
            sum += dMean * dMean + dSpread * dSpread;
        }
        return Math.sqrt(sum / perImageA);
    }

    /** For each pixel of images of {@code size} values stored one after the other: {means, spreads}. */
    static double[][] pixelStatistics(float[] values, int size) {
        int n = values.length / size;
        double[] mean = new double[size];
        double[] spread = new double[size];
        for (int i = 0; i < n; i++) for (int p = 0; p < size; p++) mean[p] += values[i * size + p];
        for (int p = 0; p < size; p++) mean[p] /= n;
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < size; p++) {
                double d = values[i * size + p] - mean[p];
                spread[p] += d * d;
            }
        }
        for (int p = 0; p < size; p++) spread[p] = Math.sqrt(spread[p] / n);
        return new double[][] {mean, spread};
    }
}
