package org.dlcourse.run;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

/**
 * How an interrupted cell stops the kit's long loops ({@code Training.fit}, the GAN loop) cleanly.
 * <p>JJava (1.0-a8) interrupts a cell by cancelling the Future its code runs in: {@code Thread.interrupt()},
 * never {@code Thread.stop()}. The cell ends at once with "Evaluation interrupted.", but its code runs on,
 * since nothing in DJL looks at the interruption, next to whatever the next cell does: two threads in the
 * engine at once break MXNet ("AGInfoE", then a crash) and leave PyTorch's gradient collector open.
 * <p>So each loop passes {@link #stopAsked} at every batch boundary (collectors closed, nothing half done) and
 * stops there by throwing {@link Interrupted}. And {@link #install} makes the kernel's interrupt ask a running
 * loop first and wait for it ({@link #GRACE_MILLIS}): the loop then ends the cell itself, with its one-line
 * message and its chart marked "stopped". Only a loop that does not answer in time (or any other cell) is
 * cancelled JJava's way; its interrupt flag still stops a loop at its next batch boundary.
 */
public final class Interrupts {

    /** How long the kernel's interrupt waits for a running loop to reach its next batch boundary. */
    static final long GRACE_MILLIS = 3000;
    /** A loop that passed no boundary for this long counts as not running (it ended or failed). */
    static final long ALIVE_MILLIS = 5000;

    private static volatile Thread looping;
    private static volatile long lastBoundaryMillis;
    private static volatile boolean asked;

    private Interrupts() {}

    /**
     * Called as a kit loop starts: waits (a few seconds at most) for a cancelled loop that is still finishing
     * its batch on another thread, so that two threads never use the engine at once, and forgets old requests.
     */
    public static void starting() {
        long deadline = System.currentTimeMillis() + GRACE_MILLIS;
        while (loopRunning() && looping != Thread.currentThread() && System.currentTimeMillis() < deadline) {
            pause();
        }
        asked = false;
        passedBoundary();
    }

    /** Called as a kit loop ends normally: an interrupt from now on cancels the cell at once. */
    public static void finished() {
        looping = null;
    }

    /**
     * True if the user interrupted the cell: the loop must stop now. Call it at every batch boundary.
     * It clears the thread's interrupt flag, so that the loop's clean-up (closing, a last redraw) runs normally.
     */
    public static boolean stopAsked() {
        boolean interrupted = Thread.interrupted();
        if (asked || interrupted) {
            asked = false;   // tells the waiting interrupt that the loop is stopping
            looping = null;
            return true;
        }
        passedBoundary();
        return false;
    }

    /**
     * What the kernel's interrupt does first: asks a running loop to stop at its next batch boundary and waits
     * for it. True if it is stopping (the cell then ends by itself); false to cancel the cell JJava's way.
     */
    public static boolean askRunningLoopToStop() {
        if (!loopRunning()) {
            return false;
        }
        asked = true;
        long deadline = System.currentTimeMillis() + GRACE_MILLIS;
        while (asked && System.currentTimeMillis() < deadline) {
            pause();
        }
        if (asked) {
            asked = false;   // too slow: cancelled instead, the thread's interrupt flag will stop it
            return false;
        }
        return true;
    }

    /**
     * Connects the kernel's interrupt to {@link #askRunningLoopToStop}; called by the kernel's start-up script
     * with {@code kernel()}. JJava offers no hook for it, so this replaces, by reflection, the map of running
     * cells whose {@code forEach(cancel)} is JJava's interrupt. False (JJava's interrupt unchanged) if JJava's
     * insides differ from 1.0-a8's; the loops then still stop at their next batch boundary.
     */
    public static boolean install(Object kernel) {
        try {
            Object evaluator = kernel.getClass().getMethod("getEvaluator").invoke(kernel);
            Object control = field(evaluator.getClass(), "execControl").get(evaluator);
            Field running = field(control.getClass(), "running");
            @SuppressWarnings("unchecked")
            Map<String, Future<Object>> cells = (Map<String, Future<Object>>) running.get(control);
            running.set(control, new LoopsFirst(cells));
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** JJava's running cells, whose interrupt ({@code forEach} cancelling each) first asks a running loop. */
    static final class LoopsFirst extends ConcurrentHashMap<String, Future<Object>> {

        LoopsFirst(Map<String, Future<Object>> cells) {
            super(cells);
        }

        @Override
        public void forEach(BiConsumer<? super String, ? super Future<Object>> action) {
            if (!askRunningLoopToStop()) {
                super.forEach(action);
            }
        }
    }

    private static boolean loopRunning() {
        Thread thread = looping;
        return thread != null && thread.isAlive() && System.currentTimeMillis() - lastBoundaryMillis < ALIVE_MILLIS;
    }

    private static void passedBoundary() {
        looping = Thread.currentThread();
        lastBoundaryMillis = System.currentTimeMillis();
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();   // keep the flag for the caller; stop waiting
            throw new IllegalStateException("Interrupted while waiting for a training loop to stop", e);
        }
    }
}
