package org.dlcourse;

import org.dlcourse.draw.Words;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.dlcourse.draw.LabelledRows;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Generated images sorted by what a classifier sees in them ({@link ClassifierVerdict}): one row per
 * class, its name and count on the left, then its most confident samples. Empty rows are classes the
 * generator misses; rows of near-copies are collapse within a class.
 * <p>Used in 06 §6.
 */
public final class ImagesByClass {

    private ImagesByClass() {}

    /** {@code pixels}: the verdict's images in its order, (N, C, H, W) in [0,1]; {@code perClass}: how many per class. */
    public static BufferedImage of(ClassifierVerdict verdict, NDArray pixels, int perClass) {
        Shape shape = pixels.getShape();
        List<String> classNames = verdict.classNames();
        if (shape.dimension() != 4 || shape.get(0) != verdict.samples()) {
            throw new IllegalArgumentException(Words.of("error.samplesShape", verdict.samples(), shape));
        }
        int size = (int) (shape.size() / shape.get(0));
        float[] values = pixels.toType(DataType.FLOAT32, false).toFloatArray();
        List<BufferedImage> rows = new ArrayList<>();
        try (NDManager scratch = pixels.getManager().newSubManager()) {
            for (int c = 0; c < classNames.size(); c++) {
                int[] chosen = verdict.mostConfident(c, perClass);
                float[] row = new float[chosen.length * size];
                for (int k = 0; k < chosen.length; k++) System.arraycopy(values, chosen[k] * size, row, k * size, size);
                BufferedImage images = chosen.length == 0 ? null : ImageGrid.of(scratch.create(row,
                        new Shape(chosen.length, shape.get(1), shape.get(2), shape.get(3))), null);
                rows.add(LabelledRows.row(classNames.get(c), verdict.perClass()[c], images));
            }
        }
        return LabelledRows.stack(rows, Words.of("byClass.title"));
    }
}
