package org.dlcourse.kernel;

import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The memory guard installed into a JShell as the kernel's start-up script installs it: a shape written in a
 * snippet that cannot fit is refused before the snippet runs; the engines' out-of-memory errors are reworded.
 */
class KernelHooksTest {

    private JShell shell;

    @BeforeEach
    void startShell() {
        System.setProperty("course.memory.limit", "2g");
        shell = JShell.builder().executionEngine("local").build();
        KernelHooks.install(shell);
        shell.eval("record Shape(long... sizes) {}");   // the guard reads the source: DJL's Shape is not needed
    }

    @AfterEach
    void stopShell() {
        shell.close();
        System.clearProperty("course.memory.limit");
    }

    /** The exception the snippet ended with: class name and message, or null if it ran. */
    private String[] failure(String code) {
        List<SnippetEvent> events = shell.eval(code);
        SnippetEvent last = events.get(events.size() - 1);
        assertTrue(last.status() != Snippet.Status.REJECTED, "did not compile: " + code);
        EvalException e = (EvalException) last.exception();
        return e == null ? null : new String[] {e.getExceptionClassName(), e.getMessage()};
    }

    @Test
    void aShapeTooBigForTheMemoryIsRefusedBeforeItRuns() {
        shell.eval("int runs = 0;");
        String[] refused = failure("runs++; new Shape(30000, 30000);");
        assertEquals("NotEnoughMemory", refused[0]);
        assertTrue(refused[1].startsWith("An array of shape (30000, 30000) needs 3.4 GB"), refused[1]);
        assertTrue(refused[1].endsWith("of its 2.0 GB memory left: use a smaller shape or batch, or shut down the"
                + " kernels of notebooks you are not using."), refused[1]);
        assertEquals("0", shell.varValue(shell.variables().filter(v -> v.name().equals("runs")).findFirst().get()),
                "the snippet must not have run");
    }

    @Test
    void sizesHeldInVariablesAndProductsAreForeseen() {
        shell.eval("int side = 30000;");
        shell.eval("long batch = 3_000L;");
        assertEquals("NotEnoughMemory", failure("new Shape(side, side)")[0]);
        assertEquals("NotEnoughMemory", failure("new Shape(batch * 100, side)")[0]);
    }

    @Test
    void shapesThatFitOrCannotBeForeseenRun() {
        assertNull(failure("new Shape(3000, 3000)"));
        assertNull(failure("new Shape(Integer.parseInt(\"30000\"), 30000)"), "a computed size is not foreseen: it runs");
        assertNull(failure("// new Shape(30000, 30000) would not fit\nnew Shape(3, 3)"), "a comment is no array");
    }

    @Test
    void javasOutOfMemoryErrorBecomesOneSentence() {
        String[] failed = failure("throw new OutOfMemoryError(\"Java heap space\");");
        assertEquals("OutOfMemory", failed[0]);
        assertTrue(failed[1].startsWith("Java's heap (") && failed[1].contains("is full (Java heap space): use a smaller"
                + " shape or batch"), failed[1]);
    }

    @Test
    void theEnginesOutOfMemoryMessagesBecomeOneSentenceAndOtherErrorsStay() {
        GuardedExecution guard = new GuardedExecution(null, shell, MemoryLimit.ofThisProcess());
        String pytorch = "[enforce fail at alloc_cpu.cpp:119] err == 0. DefaultCPUAllocator: can't allocate memory:"
                + " you tried to allocate 40000000000 bytes. Error code 12 (Cannot allocate memory)";
        assertTrue(guard.outOfMemory("ai.djl.engine.EngineException", pytorch).startsWith(
                "The engine ran out of memory in this cell (this kernel may use 2.0 GB and holds"));
        String mxnet = "Check failed: ... Size of tensor you are trying to allocate is larger than 2^31 elements."
                + " Please build with flag USE_INT64_TENSOR_SIZE=1";
        assertTrue(guard.outOfMemory("ai.djl.engine.EngineException", mxnet).contains("2,147,483,647"));
        assertNull(guard.outOfMemory("java.lang.IllegalArgumentException", "Shape mismatch"));
    }
}
