package org.dlcourse.run;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.dataset.RandomAccessDataset;

import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A first batch the network was not initialised for, said in the course's words. The engines say it their
 * way ("Shape inconsistent, Provided = [32,1,3,3], inferred shape=(32,3,3,3)" and a page of frames), from
 * deep inside the first layer. {@code Training.fit} asks {@link #mismatch} only when the first batch fails,
 * so a run that works pays nothing.
 */
public final class InputShapes {

    private InputShapes() {}

    /**
     * What is wrong if the data's images do not have the shape the trainer's network was initialised for
     * (one sentence), or null if they agree or either shape is unknown.
     */
    public static String mismatch(Trainer trainer, Dataset data) {
        Block network = trainer.getModel().getBlock();
        if (!(data instanceof RandomAccessDataset) || network == null || !network.isInitialized()
                || ((RandomAccessDataset) data).size() == 0) {
            return null;
        }
        Shape expected = network.getInputShapes()[0];
        expected = expected.slice(1);   // without the batch size
        Shape found;
        try (NDManager scratch = trainer.getManager().newSubManager()) {
            found = ((RandomAccessDataset) data).get(scratch, 0).getData().head().getShape();
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (found.equals(expected)) {
            return null;
        }
        return String.format("The network was initialised for %s, this batch has %s: initialise it for this data"
                + " (trainer.initialize(new Shape(1, %s))) or train it on the data it was built for.",
                describe(expected), describe(found), join(found, ", "));
    }

    /** "images of 3×32×32" for (C,H,W), else "inputs of 784" or "inputs of 4×7". */
    static String describe(Shape shape) {
        return (shape.dimension() == 3 ? "images of " : "inputs of ") + join(shape, "×");
    }

    private static String join(Shape shape, String between) {
        return Arrays.stream(shape.getShape()).mapToObj(Long::toString).collect(Collectors.joining(between));
    }
}
