package org.dlcourse;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void htmlShowsHeadAndTailOfALongTableWithItsSize() {
        try (NDManager manager = NDManager.newBaseManager()) {
            String html = Tables.html(Tables.of(manager.arange(100f), "<n>"));
            assertTrue(html.contains("<th>&lt;n&gt;</th>"), "column names are escaped");
            assertTrue(html.contains("<td>0.0</td>") || html.contains("<td>0</td>"), html);
            assertTrue(html.contains("<td>99.0</td>") || html.contains("<td>99</td>"), html);
            assertFalse(html.contains("<th>50</th>"), "the middle rows are elided");
            assertTrue(html.contains("100 rows × 1 columns"), html);
        }
    }
}
