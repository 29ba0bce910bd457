package org.dlcourse.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * How much memory the kernel may use, as {@code environment/limits.sh} reads it: {@code COURSE_MEMORY_LIMIT}
 * (bytes, or 2g, 512m) if set, else the cgroup's limit (v2 {@code memory.max}, v1 {@code memory.limit_in_bytes},
 * of the process's own cgroup and its parents), never more than the machine's {@code MemTotal}. In a pod,
 * {@code /proc/meminfo} counts the whole node: only the cgroup knows the pod's 2 GB.
 */
public final class MemoryLimit {

    /** MXNet 1.9 (built without USE_INT64_TENSOR_SIZE) holds fewer elements than this in one array. */
    static final long MXNET_MAX_ELEMENTS = 1L << 31;
    private static final long PAGE_BYTES = 4096;

    private final Path cgroupRoot;
    private final Path proc;
    private final String override;
    private long limit = -1;

    MemoryLimit(Path cgroupRoot, Path proc, String override) {
        this.cgroupRoot = cgroupRoot;
        this.proc = proc;
        this.override = override;
    }

    /** The running kernel's: COURSE_CGROUP_DIR (tests) or /sys/fs/cgroup, and /proc. */
    static MemoryLimit ofThisProcess() {
        String dir = System.getenv("COURSE_CGROUP_DIR");
        String override = System.getProperty("course.memory.limit", System.getenv("COURSE_MEMORY_LIMIT"));
        return new MemoryLimit(Path.of(dir == null || dir.isBlank() ? "/sys/fs/cgroup" : dir), Path.of("/proc"), override);
    }

    /** The limit in bytes, read once (it does not change while the kernel runs); 0 if nothing says. */
    synchronized long bytes() {
        if (limit < 0) {
            long total = meminfoTotal();
            long found = override != null && !override.isBlank() ? parseSize(override) : cgroupLimit().orElse(total);
            limit = total > 0 ? Math.min(found, total) : found;
        }
        return limit;
    }

    /** What the process holds now (its resident set, /proc/self/statm), in bytes; 0 if unknown. */
    long residentBytes() {
        try {
            String[] fields = Files.readString(proc.resolve("self/statm")).trim().split("\\s+");
            return Long.parseLong(fields[1]) * PAGE_BYTES;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * One sentence if an array of {@code elements} numbers of {@code bytesEach} bytes cannot be made, else null:
     * more than the memory left (limit minus what the kernel holds), or more elements than MXNet allows.
     */
    String refusal(String what, long elements, int bytesEach, boolean mxnet) {
        long needed = elements * bytesEach;
        long limitBytes = bytes();
        if (limitBytes > 0 && (elements > Long.MAX_VALUE / bytesEach || needed > limitBytes - residentBytes())) {
            long left = Math.max(0, limitBytes - residentBytes());
            return String.format(Locale.ROOT, "%s needs %s (%,d numbers of %d bytes), but this kernel has only %s of its"
                    + " %s memory left: use a smaller shape or batch, or shut down the kernels of notebooks you are not using.",
                    what, size(needed), elements, bytesEach, size(left), size(limitBytes));
        }
        if (mxnet && elements >= MXNET_MAX_ELEMENTS) {
            return String.format(Locale.ROOT, "%s has %,d numbers, more than the 2,147,483,647 MXNet holds in one array:"
                    + " use a smaller shape, or the PyTorch engine (DJL_DEFAULT_ENGINE=PyTorch).", what, elements);
        }
        return null;
    }

    /** Bytes as a person reads them: 3.4 GB, 640 MB. */
    static String size(long bytes) {
        double gb = bytes / (double) (1L << 30);
        return gb >= 1 ? String.format(Locale.ROOT, "%.1f GB", gb) : String.format(Locale.ROOT, "%d MB", bytes >> 20);
    }

    /** 2147483648, 2g, 2G, 512m, 512M, 1024k. */
    static long parseSize(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        char unit = t.charAt(t.length() - 1);
        int shift = unit == 'g' ? 30 : unit == 'm' ? 20 : unit == 'k' ? 10 : 0;
        return Long.parseLong(shift == 0 ? t : t.substring(0, t.length() - 1)) << shift;
    }

    /** The smallest limit set on the process's cgroup or a parent: v2 memory.max, else v1 memory.limit_in_bytes. */
    private OptionalLong cgroupLimit() {
        boolean v2 = Files.exists(cgroupRoot.resolve("cgroup.controllers"));
        OptionalLong best = OptionalLong.empty();
        for (Path dir : ownDirs(v2 ? cgroupRoot : cgroupRoot.resolve("memory"), v2 ? "0::" : "memory")) {
            String value = read(dir.resolve(v2 ? "memory.max" : "memory.limit_in_bytes"));
            if (value != null && value.matches("\\d+") && Long.parseLong(value) < 1L << 50) {   // v1 says "none" with 2^63
                long v = Long.parseLong(value);
                best = best.isPresent() && best.getAsLong() <= v ? best : OptionalLong.of(v);
            }
        }
        return best;
    }

    /**
     * The process's own cgroup folder in this hierarchy and its parents: a limit may be set on any of them.
     * /proc/self/cgroup names it ("0::/path" for v2, "4:memory:/path" for v1); a fake cgroup folder lacks it.
     */
    private List<Path> ownDirs(Path hierarchy, String controller) {
        String relative = "/";
        String own = read(proc.resolve("self/cgroup"));
        for (String line : own == null ? new String[0] : own.split("\n")) {
            String[] f = line.split(":", 3);
            if (f.length == 3 && (controller.equals("0::") ? f[0].equals("0") : List.of(f[1].split(",")).contains(controller))) {
                relative = f[2];
            }
        }
        List<Path> dirs = new ArrayList<>();
        for (Path p = Path.of(relative); p != null; p = p.getParent()) {
            dirs.add(p.getNameCount() == 0 ? hierarchy : hierarchy.resolve(p.toString().substring(1)));
        }
        return dirs;
    }

    private long meminfoTotal() {
        String info = read(proc.resolve("meminfo"));
        if (info != null) {
            for (String line : info.split("\n")) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) << 10;
                }
            }
        }
        return 0;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return null;
        }
    }
}
