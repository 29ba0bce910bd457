package org.dlcourse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
}
