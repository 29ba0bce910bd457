package org.dlcourse.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kernel's memory limit read from fake cgroup and /proc files, and the sentence refusing an array. */
class MemoryLimitTest {

    private static final long GB = 1L << 30;

    @TempDir
    Path dir;

    /** A fake /proc: 24 GB of RAM, the process holding {@code residentMb}, in cgroup {@code ownCgroup}. */
    private Path proc(long residentMb, String ownCgroup) throws IOException {
        Path proc = dir.resolve("proc");
        Files.createDirectories(proc.resolve("self"));
        Files.writeString(proc.resolve("meminfo"), "MemTotal:       25165824 kB\nMemFree:  1000 kB\n");
        Files.writeString(proc.resolve("self/statm"), "900000 " + (residentMb << 20) / 4096 + " 1000 1 0 5000 0\n");
        Files.writeString(proc.resolve("self/cgroup"), "0::" + ownCgroup + "\n");
        return proc;
    }

    private Path cgroupV2(String path, String memoryMax) throws IOException {
        Path root = dir.resolve("cgroup");
        Files.createDirectories(root.resolve(path.substring(1)));
        Files.writeString(root.resolve("cgroup.controllers"), "cpu memory\n");
        Files.writeString(root.resolve(path.substring(1)).resolve("memory.max"), memoryMax + "\n");
        return root;
    }

    @Test
    void aCgroupV2LimitIsTheKernelsLimit() throws IOException {
        assertEquals(2 * GB, new MemoryLimit(cgroupV2("/", String.valueOf(2 * GB)), proc(100, "/"), null).bytes());
    }

    @Test
    void aLimitOnAParentCgroupCountsToo() throws IOException {
        Path root = cgroupV2("/kubepods/pod1", "max");
        Files.writeString(root.resolve("kubepods/memory.max"), GB + "\n");
        assertEquals(GB, new MemoryLimit(root, proc(100, "/kubepods/pod1"), null).bytes());
    }

    @Test
    void noCgroupLimitMeansTheMachinesMemory() throws IOException {
        assertEquals(24 * GB, new MemoryLimit(cgroupV2("/", "max"), proc(100, "/"), null).bytes());
    }

    @Test
    void aCgroupV1LimitIsReadAndItsHugeNoLimitNumberIsNot() throws IOException {
        Path root = dir.resolve("v1");
        Files.createDirectories(root.resolve("memory"));
        Files.writeString(root.resolve("memory/memory.limit_in_bytes"), GB + "\n");
        assertEquals(GB, new MemoryLimit(root, proc(100, "/"), null).bytes());
        Files.writeString(root.resolve("memory/memory.limit_in_bytes"), "9223372036854771712\n");
        assertEquals(24 * GB, new MemoryLimit(root, proc(100, "/"), null).bytes());
    }

    @Test
    void aCgroupV1LimitOnTheProcesssOwnCgroupCounts() throws IOException {
        Path root = dir.resolve("v1");
        Files.createDirectories(root.resolve("memory/process_api/abc"));
        Files.writeString(root.resolve("memory/memory.limit_in_bytes"), "9223372036854771712\n");
        Files.writeString(root.resolve("memory/process_api/abc/memory.limit_in_bytes"), 2 * GB + "\n");
        Path proc = proc(100, "/");
        Files.writeString(proc.resolve("self/cgroup"), "5:devices:/\n4:memory:/process_api/abc\n0::/\n");
        assertEquals(2 * GB, new MemoryLimit(root, proc, null).bytes());
    }

    @Test
    void courseMemoryLimitOverridesTheCgroup() throws IOException {
        assertEquals(512L << 20, new MemoryLimit(cgroupV2("/", String.valueOf(GB)), proc(100, "/"), "512m").bytes());
        assertEquals(2 * GB, MemoryLimit.parseSize("2G"));
        assertEquals(1234, MemoryLimit.parseSize("1234"));
    }

    @Test
    void anArrayBiggerThanTheMemoryLeftIsRefusedInOneSentence() throws IOException {
        MemoryLimit limit = new MemoryLimit(cgroupV2("/", String.valueOf(2 * GB)), proc(410, "/"), null);
        String sentence = limit.refusal("An array of shape (30000, 30000)", 30000L * 30000, 4, true);
        assertEquals("An array of shape (30000, 30000) needs 3.4 GB (900,000,000 numbers of 4 bytes), but this kernel"
                + " has only 1.6 GB of its 2.0 GB memory left: use a smaller shape or batch, or shut down the kernels of"
                + " notebooks you are not using.", sentence);
        assertNull(limit.refusal("An array of shape (1000, 1000)", 1000L * 1000, 4, true));
    }

    @Test
    void mxnetsElementLimitIsRefusedEvenWithMemoryToSpare() throws IOException {
        MemoryLimit big = new MemoryLimit(cgroupV2("/", "max"), proc(410, "/"), null);
        String sentence = big.refusal("An array of shape (50000, 50000)", 50000L * 50000, 1, true);
        assertTrue(sentence.contains("more than the 2,147,483,647 MXNet holds in one array"), sentence);
        assertNull(big.refusal("An array of shape (50000, 50000)", 50000L * 50000, 1, false), "PyTorch has no such limit");
    }
}
