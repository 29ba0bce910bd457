package org.dlcourse;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TablesTest {

    @Test
    void aMatrixBecomesOneColumnPerArrayColumn() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Table table = Tables.of(manager.arange(6f).reshape(3, 2), "x", "y");
            assertEquals(3, table.rowCount());
            assertEquals(2, table.columnCount());
            assertEquals(4.0, table.doubleColumn("x").get(2));
            assertEquals(5.0, table.doubleColumn("y").get(2));
        }
    }

    @Test
    void aVectorBecomesOneColumnWithADefaultName() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Table table = Tables.of(manager.create(new float[] {1, 2, 3}));
            assertEquals("c0", table.column(0).name());
            assertEquals(3, table.rowCount());
        }
    }

    @Test
    void higherDimensionsAreRejectedWithAHint() {
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Tables.of(manager.zeros(new Shape(2, 2, 2))));
            assertTrue(e.getMessage().contains("reshape"), e.getMessage());
        }
    }

    @Test
    void tableColumnsBecomeAFloatMatrixInRowOrder() {
        Table table = Table.create("t", tech.tablesaw.api.DoubleColumn.create("a", 1, 2, 3),
                tech.tablesaw.api.IntColumn.create("b", 10, 20, 30));
        try (NDManager manager = NDManager.newBaseManager()) {
            var array = Tables.toArray(manager, table, "b", "a");
            assertEquals(new Shape(3, 2), array.getShape());
            assertEquals("[10.0, 1.0, 20.0, 2.0, 30.0, 3.0]", java.util.Arrays.toString(array.toFloatArray()));
        }
    }

    @Test
    void missingValuesAreRejectedWithTheFix() {
        Table table = Table.create("t", tech.tablesaw.api.DoubleColumn.create("a", 1, Double.NaN));
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tables.toArray(manager, table, "a"));
            assertTrue(e.getMessage().contains("dropRowsWithMissingValues"), e.getMessage());
        }
    }
}
