package org.dlcourse.optim;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.dlcourse.LossHistory;
import org.dlcourse.Training;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HandWrittenOptimizerTest {

    private static final float[] START = {1f, -2f, 0.5f};
    private static final float[][] GRADIENTS = {{0.5f, -1f, 0f}, {0.1f, 0.3f, -2f}, {-0.4f, 0.2f, 1f}};

    /** Runs the optimizer on START with the GRADIENTS, by direct update calls, on one engine. */
    private static float[] run(Optimizer optimizer, String engine) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), engine)) {
            NDArray weight = manager.create(START.clone());
            for (float[] g : GRADIENTS) {
                optimizer.update("w", weight, manager.create(g));
            }
            return weight.toFloatArray();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"MXNet", "PyTorch"})
    void adamaxTakesTheStepsOfItsFormula(String engine) {
        double lr = 0.1;
        double beta1 = 0.9;
        double beta2 = 0.999;
        double eps = 1e-7;
        double[] w = {START[0], START[1], START[2]};
        double[] m = new double[3];
        double[] u = new double[3];
        for (int t = 1; t <= GRADIENTS.length; t++) {
            for (int i = 0; i < 3; i++) {
                double g = GRADIENTS[t - 1][i];
                m[i] = beta1 * m[i] + (1 - beta1) * g;
                u[i] = Math.max(beta2 * u[i], Math.abs(g));
                w[i] -= lr / (1 - Math.pow(beta1, t)) * m[i] / (u[i] + eps);
            }
        }
        float[] got = run(Adamax.builder().optLearningRateTracker(Tracker.fixed((float) lr)).build(), engine);
        assertArrayEquals(new float[] {(float) w[0], (float) w[1], (float) w[2]}, got, 1e-5f);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MXNet", "PyTorch"})
    void plainAdadeltaTakesTheStepsOfItsFormula(String engine) {
        double rho = 0.9;
        double eps = 1e-6;
        double[] w = {START[0], START[1], START[2]};
        double[] squaredGradients = new double[3];
        double[] squaredSteps = new double[3];
        for (float[] gradient : GRADIENTS) {
            for (int i = 0; i < 3; i++) {
                double g = gradient[i];
                squaredGradients[i] = rho * squaredGradients[i] + (1 - rho) * g * g;
                double delta = Math.sqrt(squaredSteps[i] + eps) / Math.sqrt(squaredGradients[i] + eps) * g;
                squaredSteps[i] = rho * squaredSteps[i] + (1 - rho) * delta * delta;
                w[i] -= delta;
            }
        }
        float[] got = run(PlainAdadelta.builder().build(), engine);
        assertArrayEquals(new float[] {(float) w[0], (float) w[1], (float) w[2]}, got, 1e-6f);
    }

    @Test
    void plainAdadeltaTrainsExactlyLikeDjlsAdadeltaOnMxnet() {
        float[] djl = trainedWeights(Optimizer.adadelta().optRho(0.9f).optEpsilon(1e-6f).build());
        float[] plain = trainedWeights(PlainAdadelta.builder().build());
        assertArrayEquals(djl, plain, 1e-5f);
        assertTrue(Math.abs(djl[0] - 0.5f) > 1e-3, "the weight moved: " + djl[0]);
    }

    /** The weight and bias of y = w·x + b after 5 epochs on the line, from w = 0.5, b = 0, on MXNet. */
    private static float[] trainedWeights(Optimizer optimizer) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "MXNet");
             Model model = Model.newInstance("line", Device.cpu(), "MXNet")) {
            model.setBlock(Linear.builder().setUnits(1).build());
            model.getBlock().setInitializer(new ConstantInitializer(0.5f), Parameter.Type.WEIGHT);
            try (Trainer trainer = model.newTrainer(Training.quietConfig(Loss.l2Loss()).optOptimizer(optimizer))) {
                trainer.initialize(new Shape(16, 1));
                NDArray x = manager.linspace(-1f, 1f, 64).reshape(64, 1);
                ArrayDataset inOrder = new ArrayDataset.Builder().setData(x).optLabels(x.mul(2).add(1))
                        .setSampling(16, false).build();
                Training.fit(trainer, 5, inOrder, null);
                return new float[] {model.getBlock().getParameters().get("weight").getArray().getFloat(),
                        model.getBlock().getParameters().get("bias").getArray().getFloat()};
            }
        }
    }

    /** y = 2x + 1 on 64 points in 4 batches, on one engine. */
    private static ArrayDataset line(NDManager manager) {
        NDArray x = manager.linspace(-1f, 1f, 64).reshape(64, 1);
        return new ArrayDataset.Builder().setData(x).optLabels(x.mul(2).add(1)).setSampling(16, true).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"MXNet:adamax", "PyTorch:adamax", "MXNet:adadelta", "PyTorch:adadelta"})
    void handWrittenOptimizersTrainARealModelOnEveryEngine(String engineAndRule) {
        String engine = engineAndRule.split(":")[0];
        Optimizer optimizer = engineAndRule.endsWith("adamax")
                ? Adamax.builder().optLearningRateTracker(Tracker.fixed(0.05f)).build()
                : PlainAdadelta.builder().build();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), engine);
             Model model = Model.newInstance("line", Device.cpu(), engine)) {
            model.setBlock(Linear.builder().setUnits(1).build());
            // Same start on every engine and in every test order: the engines' random generators differ.
            model.getBlock().setInitializer(new ConstantInitializer(0.5f), Parameter.Type.WEIGHT);
            try (Trainer trainer = model.newTrainer(Training.quietConfig(Loss.l2Loss()).optOptimizer(optimizer))) {
                trainer.initialize(new Shape(16, 1));
                // Adadelta starts with tiny steps (about sqrt(eps)) and speeds up: it gets more epochs and a lower bar.
                boolean adamax = engineAndRule.endsWith("adamax");
                LossHistory history = Training.fit(trainer, adamax ? 40 : 100, line(manager), null);
                double first = history.epochs("train_loss").get(0);
                double last = history.last("train_loss");
                assertTrue(last < first / (adamax ? 20 : 2), engineAndRule + ": loss went from " + first + " to " + last);
            }
        }
    }

    @Test
    void theGradientIsResetAfterEachStepOnPyTorch() throws Exception {
        // PyTorch adds each backward pass's gradient to the stored one: a rule that forgot to reset it
        // would move by the sum of all past gradients.
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
             Model model = Model.newInstance("line", Device.cpu(), "PyTorch")) {
            model.setBlock(Linear.builder().setUnits(1).build());
            try (Trainer trainer = model.newTrainer(Training.quietConfig(Loss.l2Loss())
                    .optOptimizer(Adamax.builder().build()))) {
                trainer.initialize(new Shape(16, 1));
                for (Batch batch : trainer.iterateDataset(line(manager))) {
                    EasyTrain.trainBatch(trainer, batch);
                    trainer.step();
                    batch.close();
                }
                for (Parameter p : model.getBlock().getParameters().values()) {
                    assertEquals(0f, p.getArray().getGradient().abs().sum().getFloat(), p.getName());
                }
            }
        }
    }
}
