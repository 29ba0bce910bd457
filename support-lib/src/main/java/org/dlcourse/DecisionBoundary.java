package org.dlcourse;

import org.dlcourse.draw.Words;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.dlcourse.draw.HeatMap;
import org.knowm.xchart.XYChart;

import java.awt.image.BufferedImage;
import java.util.function.Function;

/**
 * Where a classifier with two inputs changes its mind: its output on a grid of points covering a
 * square of the plane, drawn as a heat map ({@link HeatMap}). The white band where the colour
 * turns from one class to the other is the model's decision boundary.
 * <p>Used in 03 §2, §6, §7.
 */
public final class DecisionBoundary {

    private final double[] axis;
    private final double[][] values;

    private DecisionBoundary(double[] axis, double[][] values) {
        this.axis = axis;
        this.values = values;
    }

    /**
     * Runs {@code model} once on the {@code steps × steps} points of the square [from, to]², a float32 array
     * (steps², 2) of points (x, y), for one output per point; the grid lives in a sub-manager closed here.
     */
    public static DecisionBoundary of(NDManager manager, Function<NDArray, NDArray> model,
                                      double from, double to, int steps) {
        if (steps < 2 || !(to > from)) {
            throw new IllegalArgumentException(Words.of("error.grid"));
        }
        double[] axis = new double[steps];
        for (int k = 0; k < steps; k++) axis[k] = from + (to - from) * k / (steps - 1);
        float[] points = new float[steps * steps * 2];
        for (int i = 0; i < steps; i++) {           // row i: y = axis[i]
            for (int j = 0; j < steps; j++) {       // column j: x = axis[j]
                points[2 * (i * steps + j)] = (float) axis[j];
                points[2 * (i * steps + j) + 1] = (float) axis[i];
            }
        }
        float[] outputs;
        try (NDManager grid = manager.newSubManager()) {
            NDArray out = model.apply(grid.create(points, new Shape((long) steps * steps, 2)));
            if (out.size() != (long) steps * steps) {
                throw new IllegalArgumentException(Words.of("error.onePerPoint", steps * steps, out.getShape()));
            }
            outputs = out.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        }
        double[][] values = new double[steps][steps];
        for (int i = 0; i < steps; i++) for (int j = 0; j < steps; j++) values[i][j] = outputs[i * steps + j];
        return new DecisionBoundary(axis, values);
    }

    /** The grid's coordinates, the same along x and y. */
    public double[] axis() { return axis.clone(); }

    /** The model's output at grid point (x = axis[j], y = axis[i]). */
    public double value(int i, int j) { return values[i][j]; }

    /** The outputs as a heat map, {@code low} blue to {@code high} red, under {@code chart}'s series (add them first). */
    public BufferedImage draw(XYChart chart, double low, double high) {
        return HeatMap.under(chart, axis, axis, values, low, high);
    }
}
