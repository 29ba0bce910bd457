package org.dlcourse;

import org.dlcourse.draw.Words;
import ai.djl.TrainingDivergedException;
import ai.djl.training.*;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.translate.TranslateException;
import org.dlcourse.run.*;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Training the DJL way, with the course's defaults: DJL's basic listeners (epochs, evaluators, divergence
 * check) plus a {@link LossHistory}, drawn live as a {@link TrainingChart} by {@link #config}, silent in
 * {@link #quietConfig}. {@link #fit} is the counterpart of the course's Lightning {@code fit()}.
 * <p>Used in 01 §2, §4, §6; 03 §2, §4; 04 §4, §6, §8; 05 §5; 06 §6.
 */
public final class Training {

    private Training() {}

    /** A training configuration whose progress is drawn live in the cell's output. */
    public static DefaultTrainingConfig config(Loss loss, String chartTitle) {
        return onCourseDevice(loss).addTrainingListeners(new TrainingChart(chartTitle), new StopOnInterrupt());
    }

    /** A training configuration that records the losses but shows nothing. */
    public static DefaultTrainingConfig quietConfig(Loss loss) {
        return onCourseDevice(loss).addTrainingListeners(new LossHistory(), new StopOnInterrupt());
    }

    /**
     * On the course's device, not DJL's default of every GPU it sees: else, on a GPU machine with
     * {@code COURSE_DEVICE=cpu}, the notebook's arrays would sit on the CPU while training ran on the GPUs.
     */
    private static DefaultTrainingConfig onCourseDevice(Loss loss) {
        return new DefaultTrainingConfig(loss)
                .optDevices(Course.current().devices())
                .addTrainingListeners(TrainingListener.Defaults.basic());
    }

    /** Trains for {@code epochs} epochs, validating after each unless {@code validation} is null; returns the losses. */
    public static LossHistory fit(Trainer trainer, int epochs, Dataset train, Dataset validation) {
        if (epochs < 1) throw new IllegalArgumentException(Words.of("error.epochs", epochs));
        LossHistory history = history(trainer);
        if (history instanceof TrainingChart) ((TrainingChart) history).expectEpochs(history.epochs().size() + epochs);
        int stepsBefore = history.steps().size();
        Interrupts.starting();
        try {
            EasyTrain.fit(trainer, epochs, train, validation);
        } catch (Interrupted e) {
            if (history instanceof TrainingChart) ((TrainingChart) history).stopped();
            throw e;
        } catch (TrainingDivergedException e) {
            throw new IllegalStateException(Words.of("error.diverged", history.steps().size()), e);
        } catch (IOException e) {
            throw new UncheckedIOException(Words.of("error.readData", e.getMessage()), e);
        } catch (TranslateException e) {
            throw new IllegalStateException(Words.of("error.batch", e.getMessage()), e);
        } catch (RuntimeException e) {   // a first batch the network was not initialised for: said in the course's words
            String wrongShape = history.steps().size() == stepsBefore ? InputShapes.mismatch(trainer, train) : null;
            throw wrongShape == null ? e : new WrongShape(wrongShape, e);
        } finally {
            Interrupts.finished();
        }
        return history;
    }

    /** The history the trainer records into (from {@link #config} or {@link #quietConfig}). */
    public static LossHistory history(Trainer trainer) {
        LossHistory[] found = new LossHistory[1];
        trainer.notifyListeners(listener -> {
            if (listener instanceof LossHistory) found[0] = (LossHistory) listener;
        });
        if (found[0] == null) {
            throw new IllegalArgumentException(Words.of("error.noHistory"));
        }
        return found[0];
    }
}
