package org.dlcourse;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Progress;
import org.dlcourse.draw.Notebook;
import org.dlcourse.run.Interrupted;
import org.dlcourse.run.Interrupts;
import org.dlcourse.run.WrongShape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Training.fit when its cell is interrupted, and when its first batch does not fit the network. */
class TrainingStopsTest {

    @AfterEach
    void cleanUp() {
        Notebook.disconnect();
        Interrupts.finished();
        Thread.interrupted();
    }

    /** y = 2x + 1 on 64 points, 4 batches of 16. */
    private static ArrayDataset line(NDManager manager) {
        NDArray x = manager.linspace(-1f, 1f, 64).reshape(64, 1);
        return new ArrayDataset.Builder().setData(x).optLabels(x.mul(2).add(1)).setSampling(16, false).build();
    }

    /** The data, with the thread interrupted (as JJava's cancel does) while the {@code n}th batch is handed out. */
    private static Dataset interruptedAtBatch(Dataset data, int n) {
        return new Dataset() {
            private int handedOut;

            @Override
            public Iterable<Batch> getData(NDManager manager) throws java.io.IOException,
                    ai.djl.translate.TranslateException {
                Iterable<Batch> batches = data.getData(manager);
                return () -> new Iterator<>() {
                    private final Iterator<Batch> inner = batches.iterator();

                    @Override
                    public boolean hasNext() {
                        return inner.hasNext();
                    }

                    @Override
                    public Batch next() {
                        if (++handedOut == n) {
                            Thread.currentThread().interrupt();
                        }
                        return inner.next();
                    }
                };
            }

            @Override
            public void prepare(Progress progress) {}
        };
    }

    @Test
    void anInterruptedTrainingStopsAtTheBatchBoundaryWithOneLineAndAChartMarkedStopped() {
        List<XYChart> drawn = new ArrayList<>();
        Notebook.connect(o -> {
            drawn.add((XYChart) o);
            return "chart";
        }, (id, o) -> drawn.add((XYChart) o));
        LossHistory[] history = new LossHistory[1];
        Interrupted stop;
        try (NDManager manager = NDManager.newBaseManager(); Model model = Model.newInstance("line")) {
            model.setBlock(Linear.builder().setUnits(1).build());
            DefaultTrainingConfig config = Training.config(Loss.l2Loss(), "line")
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(16, 1));
                history[0] = Training.history(trainer);
                stop = assertThrows(Interrupted.class,
                        () -> Training.fit(trainer, 10, interruptedAtBatch(line(manager), 6), null));
            }
        }
        assertEquals("Training stopped at epoch 2, batch 2 (interrupted); run the cell again to start over.",
                stop.getMessage(), "the 6th batch of 4 per epoch, counted in batches (not DJL's image count)");
        assertEquals(0, stop.getStackTrace().length, "one line in the cell, no stack trace");
        assertEquals(6, history[0].steps().size(), "the interrupted batch is the last one trained");
        assertFalse(Thread.currentThread().isInterrupted(), "the flag is consumed: closing the trainer ran normally");
        String last = drawn.get(drawn.size() - 1).getTitle();
        assertTrue(last.contains("stopped at epoch 2/10, batch 2/4 (interrupted)"), last);
        assertEquals(1, drawn.stream().filter(c -> c.getTitle().contains("stopped")).count(),
                "drawn once marked stopped, and never again (closing the trainer does not redraw it)");
    }

    @Test
    void aFirstBatchOfOtherImagesIsNamedInTheCoursesTerms() {
        try (NDManager manager = NDManager.newBaseManager(); Model model = Model.newInstance("cnn")) {
            model.setBlock(new SequentialBlock()
                    .add(Conv2d.builder().setFilters(4).setKernelShape(new Shape(3, 3)).build())
                    .add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(10).build()));
            ArrayDataset colourImages = new ArrayDataset.Builder()
                    .setData(manager.zeros(new Shape(8, 3, 32, 32))).optLabels(manager.zeros(new Shape(8)))
                    .setSampling(4, false).build();
            try (Trainer trainer = model.newTrainer(Training.quietConfig(Loss.softmaxCrossEntropyLoss()))) {
                trainer.initialize(new Shape(1, 1, 28, 28));
                WrongShape e = assertThrows(WrongShape.class, () -> Training.fit(trainer, 1, colourImages, null));
                assertTrue(e.getMessage().startsWith("The network was initialised for images of 1×28×28, this batch has"
                        + " images of 3×32×32: "), e.getMessage());
                assertTrue(e.getMessage().contains("new Shape(1, 3, 32, 32)"), e.getMessage());
                assertEquals(0, e.getStackTrace().length, "one line, not the engine's frames");
            }
        }
    }

    @Test
    void aFirstBatchThatFailsForAnotherReasonKeepsTheEnginesError() {
        try (NDManager manager = NDManager.newBaseManager(); Model model = Model.newInstance("line")) {
            model.setBlock(Linear.builder().setUnits(1).build());
            try (Trainer trainer = model.newTrainer(Training.quietConfig(Loss.l2Loss()))) {
                trainer.initialize(new Shape(16, 1));
                Dataset failing = new Dataset() {
                    @Override
                    public Iterable<Batch> getData(NDManager m) {
                        throw new IllegalStateException("disk gone");
                    }

                    @Override
                    public void prepare(Progress progress) {}
                };
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> Training.fit(trainer, 1, failing, null));
                assertEquals("disk gone", e.getMessage());
            }
        }
    }
}
