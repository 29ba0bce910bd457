package org.dlcourse.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The watch speaks once when the kernel passes 90% of its memory, and again only after it fell below 80%. */
class MemoryWatchTest {

    private static final long MB = 1L << 20;

    @Test
    void warnsOnceAbove90PercentAndAgainAfterFallingBelow80(@TempDir Path empty) {
        MemoryWatch watch = new MemoryWatch(new MemoryLimit(empty, empty, "2g"));
        assertNull(watch.check(1000 * MB));
        assertEquals("This kernel holds 1.9 GB of the 2.0 GB it may use, and the system stops it if this cell needs"
                + " more: if it dies, restart it (Kernel › Restart Kernel), use a smaller shape or batch, and shut down"
                + " the kernels of notebooks you are not using.", watch.check(1900 * MB));
        assertNull(watch.check(2000 * MB), "once is enough while the memory stays high");
        assertNull(watch.check(1700 * MB), "between 80% and 90%: still quiet");
        assertNull(watch.check(1500 * MB));
        assertEquals(watch.check(1900 * MB).substring(0, 17), "This kernel holds");
    }
}
