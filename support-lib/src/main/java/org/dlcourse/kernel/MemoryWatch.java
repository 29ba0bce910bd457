package org.dlcourse.kernel;

import java.io.PrintStream;

/**
 * The kernel's last word when a cell's memory could not be foreseen (a shape computed at run time, a too
 * large batch): a daemon thread reads the kernel's resident memory every 50 ms and, when it passes 90% of the
 * limit while a cell runs, prints one sentence into that cell's output, so a kernel the system then stops for
 * lack of memory does not die without a word. It reads /proc/self/statm only while a cell runs: 0.15% of a core
 * where a read takes 77 µs (measured in a sandbox; a few µs on plain Linux). From 90% to a 2 GB limit, a kernel
 * filling pages at 2 GB/s takes 100 ms: two looks.
 */
final class MemoryWatch implements Runnable {

    private static final long PERIOD_MS = 50;

    private final MemoryLimit memory;
    /** System.err between cells (the kernel's log); during a cell JJava puts the cell's output in its place. */
    private final PrintStream betweenCells = System.err;
    private final long warnAbove;
    private final long rearmBelow;
    private boolean warned;

    MemoryWatch(MemoryLimit memory) {
        this.memory = memory;
        this.warnAbove = memory.bytes() / 10 * 9;
        this.rearmBelow = memory.bytes() / 10 * 8;
    }

    /** Starts the watch, unless the limit is unknown. */
    static void start(MemoryLimit memory) {
        if (memory.bytes() > 0 && memory.residentBytes() > 0) {
            Thread watch = new Thread(new MemoryWatch(memory), "course-memory-watch");
            watch.setDaemon(true);
            watch.start();
        }
    }

    @Override
    public void run() {
        try {
            while (true) {
                PrintStream cell = System.err;
                String warning = cell == betweenCells ? null : check(memory.residentBytes());   // only a cell hears it
                if (warning != null) {
                    cell.println(warning);
                    cell.flush();
                }
                Thread.sleep(PERIOD_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The sentence once when the memory passes 90% of the limit; again only after it fell below 80%. */
    String check(long resident) {
        if (resident < rearmBelow) {
            warned = false;
        } else if (resident > warnAbove && !warned) {
            warned = true;
            return "This kernel holds " + MemoryLimit.size(resident) + " of the " + MemoryLimit.size(memory.bytes())
                    + " it may use, and the system stops it if this cell needs more: if it dies, restart it"
                    + " (Kernel › Restart Kernel), use a smaller shape or batch, and shut down the kernels of"
                    + " notebooks you are not using.";
        }
        return null;
    }
}
