package org.dlcourse;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.dlcourse.draw.Notebook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingTest {

    @AfterEach
    void disconnect() {
        Notebook.disconnect();
    }

    /** y = 2x + 1 on 64 points, 4 batches of 16. */
    private static ArrayDataset line(NDManager manager) {
        NDArray x = manager.linspace(-1f, 1f, 64).reshape(64, 1);
        return new ArrayDataset.Builder().setData(x).optLabels(x.mul(2).add(1)).setSampling(16, false).build();
    }

    private static Trainer trainer(Model model, DefaultTrainingConfig config) {
        model.setBlock(Linear.builder().setUnits(1).build());
        Trainer trainer = model.newTrainer(config.optOptimizer(
                Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.5f)).build()));
        trainer.initialize(new Shape(16, 1));
        return trainer;
    }

    /**
     * COURSE_DEVICE must reach the trainers: with the course on another device than DJL's default
     * (a GPU on this CPU-only machine, or the CPU on a GPU machine), both configurations train there.
     * Building a trainer allocates nothing, so the device need not exist.
     */
    @Test
    void trainersRunOnTheCoursesDeviceNotDjlsDefault() {
        Course saved = Course.current();
        Device other = Engine.getInstance().getGpuCount() == 0 ? Device.gpu(0) : Device.cpu();
        Course.current = new Course(Engine.getInstance(), other, Profile.FAST);
        try (Model model = Model.newInstance("line", Device.cpu())) {
            model.setBlock(Linear.builder().setUnits(1).build());
            for (DefaultTrainingConfig config : List.of(Training.config(Loss.l2Loss(), "device"),
                    Training.quietConfig(Loss.l2Loss()))) {
                try (Trainer trainer = model.newTrainer(config)) {
                    assertArrayEquals(new Device[] {other}, trainer.getDevices());
                    assertFalse(Arrays.equals(Engine.getInstance().getDevices(), trainer.getDevices()),
                            "the test needs a course device DJL would not pick by itself");
                }
            }
        } finally {
            Course.current = saved;
        }
    }

    @Test
    void historyRecordsEveryStepAndEveryEpoch() {
        try (NDManager manager = NDManager.newBaseManager(); Model model = Model.newInstance("line");
             Trainer trainer = trainer(model, Training.quietConfig(Loss.l2Loss()))) {
            LossHistory history = Training.fit(trainer, 3, line(manager), line(manager));
            assertEquals(12, history.steps().size(), "4 batches x 3 epochs");
            assertEquals(3, history.epochs().size());
            assertTrue(history.epochs().get(0).containsKey("train_loss"), history.epochs().get(0).toString());
            assertTrue(history.epochs().get(0).containsKey("validate_loss"), history.epochs().get(0).toString());
            assertTrue(history.steps().get(11) < history.steps().get(0), "gradient descent lowers the loss");
            assertTrue(history.last("train_loss") < history.epochs("train_loss").get(0));
        }
    }

    @Test
    void theLiveChartShowsOneOutputAreaAndRedrawsItInPlace() {
        List<String> shown = new ArrayList<>();
        List<Object> updates = new ArrayList<>();
        Notebook.connect(o -> {
            shown.add("area-1");
            return "area-1";
        }, (id, o) -> {
            assertEquals("area-1", id);
            updates.add(o);
        });
        try (NDManager manager = NDManager.newBaseManager(); Model model = Model.newInstance("line");
             Trainer trainer = trainer(model, Training.config(Loss.l2Loss(), "line"))) {
            Training.fit(trainer, 2, line(manager), null);
        }
        assertEquals(1, shown.size(), "one output area for the whole training");
        assertFalse(updates.isEmpty(), "redrawn at least at the last epoch");
        XYChart last = (XYChart) updates.get(updates.size() - 1);
        assertTrue(last.getTitle().contains("epoch 2/2"), last.getTitle());
        assertTrue(last.getSeriesMap().containsKey("train_loss"), last.getSeriesMap().keySet().toString());
        assertTrue(Notebook.png(last).length > 1000, "renders as a PNG");
    }

    /** A long training's grey line: block means, so that a redraw stays cheap (15,000 points took 1.4 s to draw). */
    @Test
    void aLongTrainingDrawsBlockMeansAndItsFinalPictureOnce() {
        List<Object> updates = new ArrayList<>();
        Notebook.connect(o -> "area-1", (id, o) -> updates.add(o));
        LossHistory history;
        int updatesAtLastEpoch;
        try (NDManager manager = NDManager.newBaseManager(); Model model = Model.newInstance("line");
             Trainer trainer = trainer(model, Training.config(Loss.l2Loss(), "line"))) {
            history = Training.fit(trainer, 300, line(manager), null);
            updatesAtLastEpoch = updates.size();
        }
        assertEquals(updatesAtLastEpoch, updates.size(), "closing the trainer redraws nothing: the last epoch drew the end");
        XYChart last = (XYChart) updates.get(updates.size() - 1);
        var grey = last.getSeriesMap().get("batch loss (mean of 3 steps)");
        assertTrue(grey != null, "1,200 batches in blocks of 3: " + last.getSeriesMap().keySet());
        assertEquals(400, grey.getXData().length);
        assertEquals(300.0, grey.getXData()[399], 1e-9, "the last block ends at the last batch: epoch 300");
        assertEquals(history.steps().subList(1197, 1200).stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
                grey.getYData()[399], 1e-9);
    }

    @Test
    void aTrainerWithoutHistoryIsExplained() {
        try (Model model = Model.newInstance("line");
             Trainer trainer = trainer(model, new DefaultTrainingConfig(Loss.l2Loss()))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Training.history(trainer));
            assertTrue(e.getMessage().contains("Training.config"), e.getMessage());
        }
    }

    @Test
    void aDivergingTrainingSaysTheLearningRateIsTooLarge() {
        try (NDManager manager = NDManager.newBaseManager(); Model model = Model.newInstance("line")) {
            model.setBlock(Linear.builder().setUnits(1).build());
            DefaultTrainingConfig config = Training.quietConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(1e6f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(16, 1));
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> Training.fit(trainer, 50, line(manager), null));
                assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
            }
        }
    }

    @Test
    void zeroEpochsIsRejected() {
        try (NDManager manager = NDManager.newBaseManager(); Model model = Model.newInstance("line");
             Trainer trainer = trainer(model, Training.quietConfig(Loss.l2Loss()))) {
            assertThrows(IllegalArgumentException.class, () -> Training.fit(trainer, 0, line(manager), null));
        }
    }
}
