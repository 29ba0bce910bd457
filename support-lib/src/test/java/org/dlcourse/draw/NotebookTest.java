package org.dlcourse.draw;

import ai.djl.ndarray.NDManager;
import org.dlcourse.Tables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NotebookTest {

    @AfterEach
    void disconnect() {
        Notebook.disconnect();
    }

    @Test
    void outsideANotebookShowingIsANoOp() {
        assertNull(Notebook.show("chart"));
        assertDoesNotThrow(() -> Notebook.update(null, "chart"));
    }

    @Test
    void showAndUpdateGoToTheConnectedKernel() {
        StringBuilder log = new StringBuilder();
        Notebook.connect(o -> {
            log.append("show ").append(o).append(';');
            return "id7";
        }, (id, o) -> log.append("update ").append(id).append(' ').append(o).append(';'));
        String id = Notebook.show("a");
        Notebook.update(id, "b");
        assertEquals("show a;update id7 b;", log.toString());
    }

    @Test
    void htmlShowsHeadAndTailOfALongTableWithItsSize() {
        try (NDManager manager = NDManager.newBaseManager()) {
            String html = Notebook.html(Tables.of(manager.arange(100f), "<n>"));
            assertTrue(html.contains("<th>&lt;n&gt;</th>"), "column names are escaped");
            assertTrue(html.contains("<td>0.0</td>") || html.contains("<td>0</td>"), html);
            assertTrue(html.contains("<td>99.0</td>") || html.contains("<td>99</td>"), html);
            assertFalse(html.contains("<th>50</th>"), "the middle rows are elided");
            assertTrue(html.contains("100 rows × 1 columns"), html);
        }
    }
}
