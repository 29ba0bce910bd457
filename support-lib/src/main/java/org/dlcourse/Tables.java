package org.dlcourse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.dlcourse.draw.Words;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Tablesaw tables built from an {@link NDArray}, and back (the kernel shows a table as HTML made by
 * {@link org.dlcourse.draw.Notebook#html}).
 * <p>Used in 01 §6; 03 §1; 05 §3.
 */
public final class Tables {

    private Tables() {}

    /** A table from a 1-D array (one column) or a 2-D one (a column each); unnamed columns are {@code c0, c1, ...}. */
    public static Table of(NDArray array, String... columnNames) {
        long[] shape = array.getShape().getShape();
        if (shape.length == 0 || shape.length > 2) {
            throw new IllegalArgumentException(Words.of("error.tableShape", array.getShape(), shape.length > 0 ? shape[shape.length - 1] : 1));
        }
        int rows = (int) shape[0];
        int cols = shape.length == 1 ? 1 : (int) shape[1];
        if (columnNames.length > cols) {
            throw new IllegalArgumentException(Words.of("error.columnNames", columnNames.length, cols));
        }
        double[] values = array.toType(DataType.FLOAT64, false).toDoubleArray();
        Table table = Table.create();
        for (int c = 0; c < cols; c++) {
            double[] column = new double[rows];
            for (int r = 0; r < rows; r++) column[r] = values[r * cols + c];
            table.addColumns(DoubleColumn.create(c < columnNames.length ? columnNames[c] : "c" + c, column));
        }
        return table;
    }

    /** The numeric columns of a table as a float32 array of shape (rows, columns): what a model eats. */
    public static NDArray toArray(NDManager manager, Table table, String... columnNames) {
        if (columnNames.length == 0) {
            throw new IllegalArgumentException(Words.of("error.nameColumns"));
        }
        int rows = table.rowCount();
        float[] values = new float[rows * columnNames.length];
        for (int c = 0; c < columnNames.length; c++) {
            Column<?> column = table.column(columnNames[c]);
            if (!(column instanceof tech.tablesaw.api.NumericColumn)) {
                throw new IllegalArgumentException(Words.of("error.notNumeric", columnNames[c], column.type()));
            }
            tech.tablesaw.api.NumericColumn<?> numbers = (tech.tablesaw.api.NumericColumn<?>) column;
            for (int r = 0; r < rows; r++) {
                if (numbers.isMissing(r)) {
                    throw new IllegalArgumentException(Words.of("error.missingValue", columnNames[c], r));
                }
                values[r * columnNames.length + c] = (float) numbers.getDouble(r);
            }
        }
        return manager.create(values, new ai.djl.ndarray.types.Shape(rows, columnNames.length));
    }
}
