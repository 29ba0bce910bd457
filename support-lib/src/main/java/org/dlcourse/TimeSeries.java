package org.dlcourse;

import org.dlcourse.draw.Words;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;

/**
 * A time series turned into the examples a sequence model learns from, as notebook 05 does it: sliding
 * windows (the last {@code lookBack} values → the next {@code horizon} values), a split in time order, and
 * a normalisation fitted on the training part only. The split is made on <em>where a window's targets
 * fall</em>: a validation window may read inputs from before the split (the past, known when the forecast
 * is made), but no training window ever sees a value of the validation period, as input or as target.
 * <p>Used in 05 §3, §5.
 */
public final class TimeSeries {

    private TimeSeries() {}

    /** Where validation starts: the first {@code trainFraction} of the series, in time order, is for training. */
    public static long splitIndex(long length, double trainFraction) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException(Words.of("error.trainFraction", trainFraction));
        }
        return Math.round(length * trainFraction);
    }

    /**
     * Every window whose targets lie in {@code [from, to)}: window k has inputs {@code series[t - lookBack, t)}
     * and targets {@code series[t, t + horizon)}, for t = {@link Windows#firstTarget()} + k, from the first
     * t with enough past for the inputs.
     */
    public static Windows windows(NDArray series, int lookBack, int horizon, long from, long to) {
        if (series.getShape().dimension() != 1) {
            throw new IllegalArgumentException(Words.of("error.seriesShape", series.getShape()));
        }
        if (lookBack < 1 || horizon < 1) {
            throw new IllegalArgumentException(Words.of("error.window", lookBack, horizon));
        }
        long first = Math.max(from, lookBack);
        long end = Math.min(to, series.size());
        int count = (int) Math.max(0, end - horizon - first + 1);
        if (count == 0) {
            throw new IllegalArgumentException(Words.of("error.noWindow", horizon, from, to, lookBack, series.size()));
        }
        float[] values = series.toType(DataType.FLOAT32, false).toFloatArray();
        float[] inputs = new float[count * lookBack];
        float[] targets = new float[count * horizon];
        for (int k = 0; k < count; k++) {
            int t = (int) first + k;
            System.arraycopy(values, t - lookBack, inputs, k * lookBack, lookBack);
            System.arraycopy(values, t, targets, k * horizon, horizon);
        }
        NDManager manager = series.getManager();
        return new Windows(manager.create(inputs, new Shape(count, lookBack, 1)),
                manager.create(targets, new Shape(count, horizon)), first);
    }

    /**
     * Sliding windows: {@code inputs} (windows, lookBack, 1), DJL's batch-first layout (batch, time, features),
     * and {@code targets} (windows, horizon); window k's first target is the series' value {@code firstTarget + k}.
     */
    public record Windows(NDArray inputs, NDArray targets, long firstTarget) {
        public int size() { return (int) inputs.getShape().get(0); }

        /** The windows as a DJL dataset of (input window, targets) pairs, for {@code Training.fit}. */
        public ArrayDataset dataset(int batchSize, boolean shuffle) {
            return new ArrayDataset.Builder().setData(inputs).optLabels(targets).setSampling(batchSize, shuffle).build();
        }
    }

    /**
     * x → (x − mean) / std, with the mean and standard deviation of the values it was fitted on. Fit it on
     * the training part only: statistics of the validation period would leak the future into training.
     */
    public record Normalization(float mean, float std) {
        /** The mean and standard deviation of these values (the training part of a series). */
        public static Normalization fit(NDArray values) {
            double[] v = values.toType(DataType.FLOAT64, false).toDoubleArray();
            if (v.length == 0) throw new IllegalArgumentException(Words.of("error.noValues"));
            double mean = 0;
            for (double x : v) mean += x / v.length;
            double variance = 0;
            for (double x : v) variance += (x - mean) * (x - mean) / v.length;
            if (!(variance > 0)) {
                throw new IllegalArgumentException(Words.of("error.allEqual", mean));
            }
            return new Normalization((float) mean, (float) Math.sqrt(variance));
        }

        public NDArray apply(NDArray x) { return x.sub(mean).div(std); }

        /** Back to the original units: x · std + mean. */
        public NDArray undo(NDArray x) { return x.mul(std).add(mean); }
    }
}
