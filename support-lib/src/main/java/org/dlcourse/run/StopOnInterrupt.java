package org.dlcourse.run;

import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.listener.TrainingListenerAdapter;
import org.dlcourse.draw.Words;

/**
 * The training listener that ends {@code EasyTrain.fit} when its cell is interrupted: after every training
 * and validation batch it asks {@link Interrupts#stopAsked} and if so throws {@link Interrupted} naming
 * the epoch and batch. Registered last by {@code Training.config}, so the history and the chart have
 * counted the batch; it then finishes the batch as {@code EasyTrain} would (the optimiser's step, closing
 * it), so that the batch it names is the last one trained.
 */
public final class StopOnInterrupt extends TrainingListenerAdapter {

    private int epoch = 1;
    private int batch;

    @Override
    public void onTrainingBatch(Trainer trainer, TrainingListener.BatchData batchData) {
        batch++;
        if (Interrupts.stopAsked()) {
            trainer.step();
            stop(batchData, Words.of("training.where", epoch, batch));
        }
    }

    @Override
    public void onValidationBatch(Trainer trainer, TrainingListener.BatchData batchData) {
        if (Interrupts.stopAsked()) {
            stop(batchData, Words.of("training.whileValidating", epoch));
        }
    }

    @Override
    public void onEpoch(Trainer trainer) {
        epoch++;
        batch = 0;
    }

    private static void stop(TrainingListener.BatchData batchData, String where) {
        batchData.getBatch().close();
        throw new Interrupted(Words.of("training.interrupted", where));
    }
}
