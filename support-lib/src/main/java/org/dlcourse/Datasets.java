package org.dlcourse;

import ai.djl.training.dataset.Dataset.Usage;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * The course's data, read from the kit's {@code datasets/} folder and nothing else: no download
 * ever happens while a notebook runs. {@code ./course data} prepares what is not committed.
 *
 * <p>The image sets come as {@link ImageSet}s (DJL datasets) through a DJL-style builder:
 * <pre>{@code
 * ImageSet train = Datasets.fashionMnist(Usage.TRAIN).optLimit(10_000).setSampling(64, true).build();
 * ImageSet test  = Datasets.cifar10OrStandIn(Usage.TEST).setSampling(256, false).build();
 * }</pre>
 * or in one line: {@code Datasets.cifar10(Usage.TRAIN, 50_000, 128, true)}. Every set checks its
 * files against the checksums {@code ./course data} recorded before reading them.
 */
public final class Datasets {

    private Datasets() {}

    /**
     * The data folder: {@code COURSE_DATA} (the kernel sets it), else the first {@code datasets/}
     * folder with a README.md found from the working directory upwards.
     */
    public static Path home() {
        String configured = System.getenv("COURSE_DATA");
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured);
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("datasets");
            if (Files.isRegularFile(candidate.resolve("README.md"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("No datasets/ folder found from " + Paths.get("").toAbsolutePath()
                + ": set COURSE_DATA to the kit's datasets folder, or start JupyterLab with ./course lab.");
    }

    /** A committed CSV file of {@code datasets/} as a table, e.g. {@code Datasets.csv("cars.csv")}. */
    public static Table csv(String fileName) {
        Path file = home().resolve(fileName);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Data file " + file + " is missing. It is part of the kit: restore it with"
                    + " 'git checkout -- datasets/" + fileName + "'.");
        }
        try {
            return Table.read().csv(CsvReadOptions.builder(file.toFile()).tableName(fileName).build());
        } catch (RuntimeException e) {
            throw new IllegalStateException("Could not read " + file + " as CSV: " + e.getMessage(), e);
        }
    }

    // ---- Image sets -------------------------------------------------------------------------

    /** Fashion-MNIST (60,000 training and 10,000 test images, 1x28x28, 10 classes of clothing). */
    public static ImageSet.Builder fashionMnist(Usage usage) {
        return fashionMnist(home(), usage);
    }

    /**
     * Fashion-MNIST in the CIFAR shape (3x32x32: padded, grey copied to R, G, B), to check a
     * network written for CIFAR-10 on real images of a simpler task.
     */
    public static ImageSet.Builder fashionMnistAsCifar(Usage usage) {
        return fashionMnistAsCifar(home(), usage);
    }

    /** CIFAR-10 (50,000 training and 10,000 test images, 3x32x32, 10 classes); needs the download. */
    public static ImageSet.Builder cifar10(Usage usage) {
        return cifar10(home(), usage);
    }

    /**
     * CIFAR-10 if {@code ./course data} could download it, else its stand-in (Fashion-MNIST in
     * CIFAR's format). Label what you show with {@link ImageSet#name()}; {@link ImageSet#isStandIn()} tells which.
     */
    public static ImageSet.Builder cifar10OrStandIn(Usage usage) {
        return cifar10OrStandIn(home(), usage);
    }

    /** True if the real CIFAR-10 has been downloaded and prepared. */
    public static boolean hasCifar10() {
        return Files.isRegularFile(home().resolve(CifarFiles.FOLDER).resolve(Checksums.SUMS));
    }

    /** The first {@code limit} Fashion-MNIST images in batches of {@code batchSize}, shuffled for training. */
    public static ImageSet fashionMnist(Usage usage, int limit, int batchSize) {
        return fashionMnist(usage).optLimit(limit).setSampling(batchSize, usage == Usage.TRAIN).build();
    }

    /** The first {@code limit} CIFAR-10 images in batches, shuffled (and optionally augmented) for training. */
    public static ImageSet cifar10(Usage usage, int limit, int batchSize, boolean augment) {
        return cifar10(usage).optLimit(limit).setSampling(batchSize, usage == Usage.TRAIN)
                .optAugment(augment).build();
    }

    /** As {@link #cifar10(Usage, int, int, boolean)}, from the stand-in if CIFAR-10 is absent. */
    public static ImageSet cifar10OrStandIn(Usage usage, int limit, int batchSize, boolean augment) {
        return cifar10OrStandIn(usage).optLimit(limit).setSampling(batchSize, usage == Usage.TRAIN)
                .optAugment(augment).build();
    }

    static ImageSet.Builder fashionMnist(Path home, Usage usage) {
        checkUsage(usage, FashionMnistFiles.NAME);
        Path dir = home.resolve(FashionMnistFiles.FOLDER);
        return new ImageSet.Builder(limit -> readFashionMnist(dir, usage, limit), usage, false);
    }

    static ImageSet.Builder fashionMnistAsCifar(Path home, Usage usage) {
        checkUsage(usage, FashionMnistFiles.NAME);
        Path dir = home.resolve(FashionMnistFiles.FOLDER);
        return new ImageSet.Builder(limit -> CifarStandIn.asCifar(readFashionMnist(dir, usage, limit),
                "Fashion-MNIST as CIFAR (3x32x32)"), usage, false);
    }

    static ImageSet.Builder cifar10(Path home, Usage usage) {
        checkUsage(usage, CifarFiles.NAME);
        Path dir = home.resolve(CifarFiles.FOLDER);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("CIFAR-10 is not prepared (no " + dir + "): run ./course data with"
                    + " internet access, or use Datasets.cifar10OrStandIn for its Fashion-MNIST stand-in.");
        }
        return cifarBuilder(dir, usage, CifarFiles.NAME, CifarFiles.MEAN, CifarFiles.STD, false);
    }

    static ImageSet.Builder cifar10OrStandIn(Path home, Usage usage) {
        checkUsage(usage, CifarFiles.NAME);
        if (Files.isRegularFile(home.resolve(CifarFiles.FOLDER).resolve(Checksums.SUMS))) {
            return cifar10(home, usage);
        }
        Path dir = home.resolve(CifarStandIn.FOLDER);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("Neither CIFAR-10 nor its stand-in is prepared in " + home
                    + ": run ./course data.");
        }
        return cifarBuilder(dir, usage, CifarStandIn.NAME, CifarStandIn.MEAN, CifarStandIn.STD, true);
    }

    private static ImageSet.Builder cifarBuilder(Path dir, Usage usage, String name, float[] mean, float[] std,
            boolean standIn) {
        return new ImageSet.Builder(limit -> {
            Checksums.requireVerified(dir, CifarFiles.files(usage), name);
            int available = CifarFiles.count(dir, usage);
            return CifarFiles.read(dir, usage, checkLimit(limit, available, name, usage), name,
                    CifarFiles.classNames(dir), mean, std);
        }, usage, standIn);
    }

    private static ImageData readFashionMnist(Path dir, Usage usage, int limit) {
        Checksums.requireVerified(dir, FashionMnistFiles.files(usage), FashionMnistFiles.NAME);
        ImageData all = FashionMnistFiles.read(dir, usage);
        return all.first(checkLimit(limit, all.count(), FashionMnistFiles.NAME, usage));
    }

    /** The limit, or all images when none was set; an error saying what is allowed if it is too large. */
    private static int checkLimit(int limit, int available, String name, Usage usage) {
        if (limit == Integer.MAX_VALUE) {
            return available;
        }
        if (limit < 1 || limit > available) {
            throw new IllegalArgumentException("limit " + limit + " is not possible: " + name + " " + usage
                    + " has " + available + " images, so use 1.." + available + ".");
        }
        return limit;
    }

    private static void checkUsage(Usage usage, String name) {
        if (usage != Usage.TRAIN && usage != Usage.TEST) {
            throw new IllegalArgumentException(name + " has no " + usage + " set: use Usage.TRAIN or Usage.TEST"
                    + " (for validation data, split the training set, e.g. with randomSplit).");
        }
    }

    /** The class names of Fashion-MNIST and of CIFAR-10, by label. */
    public static List<String> fashionMnistClasses() {
        return FashionMnistFiles.CLASS_NAMES;
    }

    public static List<String> cifar10Classes() {
        return CifarFiles.CLASS_NAMES;
    }
}
