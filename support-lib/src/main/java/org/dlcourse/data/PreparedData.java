package org.dlcourse.data;

import ai.djl.training.dataset.Dataset.Usage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The kit's {@code datasets/} folder as {@code ./course data} prepared it: where it is, and each
 * image set read from it, checked against the checksums recorded at preparation. Nothing here
 * downloads: a notebook only ever reads.
 */
public final class PreparedData {

    private PreparedData() {}

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

    /** The first {@code limit} Fashion-MNIST images (all for {@code Integer.MAX_VALUE}). */
    public static ImageBytes fashionMnist(Path home, Usage usage, int limit) {
        checkUsage(usage, FashionMnistFiles.NAME);
        Path dir = home.resolve(FashionMnistFiles.FOLDER);
        Checksums.requireVerified(dir, FashionMnistFiles.files(usage), FashionMnistFiles.NAME);
        ImageBytes all = FashionMnistFiles.read(dir, usage);
        return all.first(checkLimit(limit, all.count(), FashionMnistFiles.NAME, usage));
    }

    /** Fashion-MNIST padded to 3x32x32, to check a network written for CIFAR-10 on a simpler task. */
    public static ImageBytes fashionMnistAsCifar(Path home, Usage usage, int limit) {
        return CifarStandIn.asCifar(fashionMnist(home, usage, limit), "Fashion-MNIST as CIFAR (3x32x32)");
    }

    /** The first {@code limit} CIFAR-10 images; an error saying what to do if it was not downloaded. */
    public static ImageBytes cifar10(Path home, Usage usage, int limit) {
        Path dir = home.resolve(CifarFiles.FOLDER);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("CIFAR-10 is not prepared (no " + dir + "): run ./course data with"
                    + " internet access, or use Datasets.cifar10OrStandIn() for its Fashion-MNIST stand-in.");
        }
        return readCifar(dir, usage, limit, CifarFiles.NAME, CifarFiles.MEAN, CifarFiles.STD);
    }

    /** CIFAR-10 if it was prepared, else its {@link CifarStandIn} (named so, wherever it is shown). */
    public static ImageBytes cifar10OrStandIn(Path home, Usage usage, int limit) {
        if (Files.isRegularFile(home.resolve(CifarFiles.FOLDER).resolve(Checksums.SUMS))) {
            return cifar10(home, usage, limit);
        }
        Path dir = home.resolve(CifarStandIn.FOLDER);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("Neither CIFAR-10 nor its stand-in is prepared in " + home
                    + ": run ./course data.");
        }
        return readCifar(dir, usage, limit, CifarStandIn.NAME, CifarStandIn.MEAN, CifarStandIn.STD);
    }

    private static ImageBytes readCifar(Path dir, Usage usage, int limit, String name, float[] mean, float[] std) {
        checkUsage(usage, name);
        Checksums.requireVerified(dir, CifarFiles.withMeta(dir, CifarFiles.files(usage)), name);
        int available = CifarFiles.count(dir, usage);
        return CifarFiles.read(dir, usage, checkLimit(limit, available, name, usage), name,
                CifarFiles.classNames(dir), mean, std);
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

    /** Only the two splits the files have; validation data is split off the training set. */
    public static void checkUsage(Usage usage, String name) {
        if (usage != Usage.TRAIN && usage != Usage.TEST) {
            throw new IllegalArgumentException(name + " has no " + usage + " set: use Usage.TRAIN or Usage.TEST"
                    + " (for validation data, split the training set, e.g. with randomSplit).");
        }
    }
}
