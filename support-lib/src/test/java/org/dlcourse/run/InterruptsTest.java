package org.dlcourse.run;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The handshake between the kernel's interrupt and a running loop, and its connection to JJava. */
class InterruptsTest {

    @AfterEach
    void noLoop() {
        Interrupts.finished();
        Thread.interrupted();
    }

    /** What a kit loop does: passes batch boundaries until asked to stop; false if never asked (a broken test). */
    private static boolean loopUntilAsked(CountDownLatch started) {
        long giveUp = System.currentTimeMillis() + 20_000;   // only so that a broken handshake fails, not hangs
        Interrupts.starting();
        started.countDown();
        while (System.currentTimeMillis() < giveUp) {
            if (Interrupts.stopAsked()) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    @Test
    void aRunningLoopIsAskedToStopAndTheInterruptWaitsForItInsteadOfCancelling() throws Exception {
        AtomicBoolean loopStopped = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        Thread loop = new Thread(() -> loopStopped.set(loopUntilAsked(started)));
        loop.start();
        started.await();
        assertTrue(Interrupts.askRunningLoopToStop(), "the loop answered at its next boundary");
        loop.join();
        assertTrue(loopStopped.get(), "the loop saw the request at a batch boundary");
        assertFalse(Interrupts.askRunningLoopToStop(), "a stopped loop is no longer asked: the cell is cancelled");
    }

    @Test
    void anInterruptedThreadStopsAtItsNextBoundaryAndLosesTheFlag() {
        Interrupts.starting();
        Thread.currentThread().interrupt();   // what JJava's cancel does to the cell's thread
        assertTrue(Interrupts.stopAsked());
        assertFalse(Thread.currentThread().isInterrupted(), "the loop's clean-up must run with the flag cleared");
        assertFalse(Interrupts.stopAsked(), "one interrupt stops one loop once");
    }

    @Test
    void withNoLoopRunningTheInterruptCancelsTheCellAtOnce() {
        assertFalse(Interrupts.askRunningLoopToStop());
    }

    @Test
    void aLoopThatDoesNotReachItsNextBoundaryInTimeIsCancelledAndNotStoppedLater() {
        Interrupts.starting();   // then no boundary: a loop stuck in a long operation
        assertFalse(Interrupts.askRunningLoopToStop(), "waited the grace period, then gives up");
        assertFalse(Interrupts.stopAsked(), "the unanswered request is withdrawn: the cancel's interrupt flag stops it");
    }

    /** JJava 1.0-a8's insides, as far as install reaches into them. */
    public static final class FakeKernel {
        private final FakeEvaluator evaluator = new FakeEvaluator();

        public Object getEvaluator() {
            return evaluator;
        }
    }

    static final class FakeEvaluator {
        private final FakeExecutionControl execControl = new FakeExecutionControl();
    }

    static final class FakeExecutionControl {
        private final Map<String, Future<Object>> running = new ConcurrentHashMap<>();

        void interrupt() {   // JJava's interrupt, word for word
            running.forEach((id, f) -> f.cancel(true));
        }
    }

    @Test
    void installedInJJavaTheInterruptAsksARunningLoopFirstAndCancelsOtherCells() throws Exception {
        FakeKernel kernel = new FakeKernel();
        assertTrue(Interrupts.install(kernel));
        FakeExecutionControl control = kernel.evaluator.execControl;

        CompletableFuture<Object> plainCell = new CompletableFuture<>();
        control.running.put("cell-1", plainCell);
        control.interrupt();
        assertTrue(plainCell.isCancelled(), "no loop running: the cell is cancelled as JJava does");
        control.running.clear();

        CompletableFuture<Object> trainingCell = new CompletableFuture<>();
        control.running.put("cell-2", trainingCell);
        AtomicBoolean loopStopped = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        Thread loop = new Thread(() -> loopStopped.set(loopUntilAsked(started)));
        loop.start();
        started.await();
        control.interrupt();
        loop.join();
        assertTrue(loopStopped.get());
        assertFalse(trainingCell.isCancelled(), "the loop ends its cell itself, with its own message");
    }

    @Test
    void anotherKernelIsLeftAlone() {
        assertFalse(Interrupts.install(new Object()));
    }
}
