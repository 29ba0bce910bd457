package org.dlcourse.kernel;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A cell run before the cells defining its names says which cell to run; a typo keeps the compiler's answer. */
class CellOrderTest {

    @TempDir
    Path folder;

    private JShell shell;
    private Path notebook;

    @BeforeEach
    void notebookAndShell() throws IOException {
        notebook = folder.resolve("lesson.ipynb");
        Files.writeString(notebook, "{\"cells\": ["
                + "{\"cell_type\": \"markdown\", \"source\": [\"# int model = 1; is not code\"]},"
                + "{\"cell_type\": \"code\", \"source\": \"System.out.println(later);\"},"
                + "{\"cell_type\": \"code\", \"source\": [\"// the model\\n\", \"int model = 3;\\n\", \"String name = \\\"x\\\";\"]},"
                + "{\"cell_type\": \"code\", \"source\": \"static int twice(int x) {\\n    int local = 2;\\n    return local * x;\\n}\"},"
                + "{\"cell_type\": \"code\", \"source\": \"int later = 1;\"}"
                + "], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}");
        shell = JShell.builder().executionEngine("local").build();
    }

    @AfterEach
    void closeShell() {
        shell.close();
    }

    private String answer(String code) {
        return assertThrows(CellNotRunYet.class, () -> shell.eval(code)).getMessage();
    }

    @Test
    void aVariableOfAnotherCellNamesThatCell() {
        shell.onSnippetEvent(new CellOrder(shell, notebook, folder));
        assertEquals("model (cell 3: int model = 3;) is defined in a cell that has not run yet in this kernel: "
                + CellOrder.RUN_ABOVE + ".\n(The compiler's words: cannot find symbol variable model.)",
                answer("System.out.println(model + 1);"));
    }

    @Test
    void aMethodOfAnotherCellNamesThatCell() {
        shell.onSnippetEvent(new CellOrder(shell, notebook, folder));
        assertEquals("twice (cell 4: static int twice(int x) {) is defined in a cell that has not run yet",
                answer("twice(2)").split(" in this kernel")[0]);
    }

    @Test
    void aNameDefinedFurtherDownSaysToRunThatFar() {
        shell.onSnippetEvent(new CellOrder(shell, notebook, folder));
        assertEquals("later (cell 5: int later = 1;) is defined in a cell that has not run yet in this kernel:"
                + " run the cells down to cell 5 first, then this one.", answer("System.out.println(later);").split("\n")[0]);
    }

    @Test
    void withoutTheNotebookTheFoldersNotebooksAreRead() {
        shell.onSnippetEvent(new CellOrder(shell, null, folder));
        assertEquals("model is defined in an earlier cell that has not run yet in this kernel: " + CellOrder.RUN_ABOVE + ".",
                answer("System.out.println(model);").split("\n")[0]);
    }

    @Test
    void aTypoALocalVariableOrAMemberKeepTheCompilersAnswer() {
        shell.onSnippetEvent(new CellOrder(shell, notebook, folder));
        assertEquals(Snippet.Status.REJECTED, shell.eval("System.out.println(modle);").get(0).status());
        assertEquals(Snippet.Status.REJECTED, shell.eval("System.out.println(local);").get(0).status());
        shell.eval("String s = \"a\";");
        assertEquals(Snippet.Status.REJECTED, shell.eval("s.twice(2);").get(0).status());
    }
}
