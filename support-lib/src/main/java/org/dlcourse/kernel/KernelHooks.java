package org.dlcourse.kernel;

import jdk.jshell.JShell;
import jdk.jshell.spi.ExecutionControl;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Installs the kit's hooks into the kernel's JShell; the last line of {@code environment/startup.jshell}:
 * {@code org.dlcourse.kernel.KernelHooks.install(kernel().getJShell());}
 */
public final class KernelHooks {

    private KernelHooks() {}

    /** The cell-order listener, the memory guard around JJava's execution control, and the memory watch. */
    public static void install(JShell shell) {
        String session = System.getenv("JPY_SESSION_NAME");   // set by jupyter_server: the notebook's path
        Path notebook = session != null && session.endsWith(".ipynb") && Files.isRegularFile(Path.of(session)) ? Path.of(session) : null;
        shell.onSnippetEvent(new CellOrder(shell, notebook, Path.of(System.getProperty("user.dir"))));
        try {
            // kernel.sh opens jdk.jshell to the classpath (--add-opens), as JJava itself needs.
            Field control = JShell.class.getDeclaredField("executionControl");
            control.setAccessible(true);
            ExecutionControl jjava = (ExecutionControl) control.get(shell);
            MemoryLimit memory = MemoryLimit.ofThisProcess();
            control.set(shell, new GuardedExecution(jjava, shell, memory));
            MemoryWatch.start(memory);
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("course kit: the memory guard is off (" + e + "); the kernel runs without it.");
        }
    }
}
