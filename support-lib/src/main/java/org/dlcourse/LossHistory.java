package org.dlcourse;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.loss.Loss;
import org.dlcourse.draw.Words;
import org.knowm.xchart.XYChart;

import java.util.*;

/**
 * The loss of every training step and the evaluations DJL computes at the end of every epoch
 * ({@code train_loss}, {@code validate_loss}, {@code train_Accuracy}, ...). As a training listener
 * it fills itself during {@code EasyTrain.fit}; a hand-written loop calls {@link #addStep}.
 * <p>Used in 01 §2; 03 §4, §5, §7; 04 §4, §6; 06 §6.
 */
public class LossHistory extends TrainingListenerAdapter {

    private final List<Double> steps = new ArrayList<>();
    private final List<Map<String, Double>> epochs = new ArrayList<>();

    /** Records one step's loss (for a training loop written by hand). */
    public void addStep(double loss) { steps.add(loss); }

    /** Records one epoch's evaluations, e.g. {@code Map.of("train_loss", 0.3)}. */
    public void addEpoch(Map<String, ? extends Number> evaluations) {
        Map<String, Double> copy = new LinkedHashMap<>();
        evaluations.forEach((k, v) -> copy.put(k, v.doubleValue()));
        epochs.add(Collections.unmodifiableMap(copy));
    }

    /** The loss of each step, in order. */
    public List<Double> steps() { return Collections.unmodifiableList(steps); }

    /** The evaluations of each epoch, in order. */
    public List<Map<String, Double>> epochs() { return Collections.unmodifiableList(epochs); }

    /** One evaluation across epochs, e.g. {@code epochs("validate_Accuracy")}; NaN where an epoch lacks it. */
    public List<Double> epochs(String name) {
        List<Double> values = new ArrayList<>();
        for (Map<String, Double> epoch : epochs) values.add(epoch.getOrDefault(name, Double.NaN));
        return values;
    }

    /** The last value of an evaluation, e.g. {@code last("validate_Accuracy")}. */
    public double last(String name) {
        if (epochs.isEmpty() || !epochs.get(epochs.size() - 1).containsKey(name)) {
            throw new IllegalStateException(Words.of("error.notRecorded", name,
                    epochs.isEmpty() ? Words.of("error.noEpoch") : epochs.get(epochs.size() - 1).keySet()));
        }
        return epochs.get(epochs.size() - 1).get(name);
    }

    /** The loss per step, as a chart. */
    public XYChart stepChart(String title) {
        XYChart chart = Plots.xy(title, Words.of("axis.step"), Words.of("axis.loss"));
        Plots.curve(chart, Words.of("chart.lossPerStep"), steps);
        return chart;
    }

    @Override
    public void onTrainingBatch(Trainer trainer, TrainingListener.BatchData batchData) {
        addStep(batchLoss(trainer.getLoss(), batchData));
    }

    @Override
    public void onEpoch(Trainer trainer) {
        // DJL's evaluator listener (registered before this one) has just summed up the epoch. It names
        // the loss twice (train_loss and train_L2Loss) and reports NaN for a phase that did not run.
        String duplicate = "_" + trainer.getLoss().getName();
        Map<String, Float> evaluations = new LinkedHashMap<>();
        trainer.getTrainingResult().getEvaluations().forEach((name, value) -> {
            if (!name.endsWith(duplicate) && value != null && !value.isNaN()) evaluations.put(name, value);
        });
        addEpoch(evaluations);
    }

    /** The batch's mean loss, averaged over the devices it was split across. */
    static double batchLoss(Loss loss, TrainingListener.BatchData batchData) {
        double sum = 0;
        int parts = 0;
        for (Map.Entry<Device, NDList> e : batchData.getLabels().entrySet()) {
            NDList predictions = batchData.getPredictions().get(e.getKey());
            sum += loss.evaluate(e.getValue(), predictions).getFloat();
            parts++;
        }
        return parts == 0 ? Double.NaN : sum / parts;
    }
}
