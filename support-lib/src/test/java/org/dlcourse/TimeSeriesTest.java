package org.dlcourse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeSeriesTest {

    @Test
    void aWindowHoldsThePastAsInputsAndTheNextValuesAsTargets() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TimeSeries.Windows w = TimeSeries.windows(manager.arange(10f), 3, 2, 0, 10);
            // targets start at 3 (three values of past needed) and end at 9: t = 3..8
            assertEquals(6, w.size());
            assertEquals(3, w.firstTarget());
            assertEquals(new Shape(6, 3, 1), w.inputs().getShape());
            assertEquals(new Shape(6, 2), w.targets().getShape());
            assertArrayEquals(new float[] {0, 1, 2}, w.inputs().get(0).toFloatArray());
            assertArrayEquals(new float[] {3, 4}, w.targets().get(0).toFloatArray());
            assertArrayEquals(new float[] {5, 6, 7}, w.inputs().get(5).toFloatArray());
            assertArrayEquals(new float[] {8, 9}, w.targets().get(5).toFloatArray());
        }
    }

    @Test
    void theSplitIsOnTargetsSoNoTrainingWindowSeesTheValidationPeriod() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray series = manager.arange(100f);
            long split = TimeSeries.splitIndex(series.size(), 0.8);
            assertEquals(80, split);
            TimeSeries.Windows train = TimeSeries.windows(series, 5, 3, 0, split);
            TimeSeries.Windows validation = TimeSeries.windows(series, 5, 3, split, series.size());
            assertTrue(train.inputs().max().getFloat() < split, "training inputs stay before the split");
            assertTrue(train.targets().max().getFloat() < split, "training targets stay before the split");
            assertEquals(split, validation.firstTarget(), "validation forecasts start at the split");
            assertEquals(split, (long) validation.targets().min().getFloat());
            assertEquals(99f, validation.targets().max().getFloat());
            // the first validation window reads the last five training values: the past is known
            assertArrayEquals(new float[] {75, 76, 77, 78, 79}, validation.inputs().get(0).toFloatArray());
        }
    }

    @Test
    void windowsBecomeBatchesOfInputsAndLabels() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            TimeSeries.Windows w = TimeSeries.windows(manager.arange(20f), 4, 2, 0, 20);
            for (Batch batch : w.dataset(5, false).getData(manager)) {
                assertEquals(new Shape(5, 4, 1), batch.getData().head().getShape());
                assertEquals(new Shape(5, 2), batch.getLabels().head().getShape());
                batch.close();
                break;
            }
        }
    }

    @Test
    void tooShortASeriesIsRejectedWithTheNumbers() {
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TimeSeries.windows(manager.arange(5f), 4, 2, 0, 5));
            assertTrue(e.getMessage().contains("No window"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> TimeSeries.windows(manager.zeros(new Shape(4, 2)), 1, 1, 0, 4));
            assertThrows(IllegalArgumentException.class, () -> TimeSeries.splitIndex(10, 1.0));
        }
    }

    @Test
    void normalisationUsesTheStatisticsOfWhatItWasFittedOn() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray training = manager.create(new float[] {2, 4, 4, 4, 5, 5, 7, 9});   // mean 5, std 2
            TimeSeries.Normalization norm = TimeSeries.Normalization.fit(training);
            assertEquals(5f, norm.mean(), 1e-6);
            assertEquals(2f, norm.std(), 1e-6);
            NDArray later = manager.create(new float[] {1, 5, 11});
            assertArrayEquals(new float[] {-2, 0, 3}, norm.apply(later).toFloatArray(), 1e-6f);
            assertArrayEquals(later.toFloatArray(), norm.undo(norm.apply(later)).toFloatArray(), 1e-5f);
        }
    }

    @Test
    void aConstantSeriesCannotBeNormalised() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray flat = manager.ones(new Shape(4));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimeSeries.Normalization.fit(flat));
            assertTrue(e.getMessage().contains("all equal"), Arrays.toString(flat.toFloatArray()));
        }
    }
}
