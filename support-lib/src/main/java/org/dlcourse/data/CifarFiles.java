package org.dlcourse.data;

import ai.djl.training.dataset.Dataset.Usage;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the CIFAR-10 binary format (Krizhevsky, 2009): files of records of 3073 bytes,
 * one label byte (0..9) then 3072 pixel bytes, the 1024 red values of the 32x32 image row by row,
 * then the 1024 green, then the 1024 blue. The training set is {@code data_batch_1.bin} to
 * {@code data_batch_5.bin} (10,000 images each), the test set {@code test_batch.bin}, and
 * {@code batches.meta.txt} names the classes, one a line.
 *
 * <p>The plane order is already the {@code C,H,W} order a network wants, so reading is copying.
 * Writing (the stand-in, test files) is a set-up job: {@code org.dlcourse.setup.CifarWriter}.
 */
public final class CifarFiles {

    public static final String NAME = "CIFAR-10";
    /** The folder the official archive unpacks to, in {@code Datasets.home()}. */
    public static final String FOLDER = "cifar-10-batches-bin";
    public static final String URL = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz";
    /** The MD5 of the archive, as published by its authors on https://www.cs.toronto.edu/~kriz/cifar.html. */
    public static final String MD5 = "c32a1d4ab5d03f1284b67883e8d87530";
    public static final String META = "batches.meta.txt";

    public static final int PIXELS = 3 * 32 * 32;
    public static final int RECORD = 1 + PIXELS;

    public static final List<String> CLASS_NAMES = List.of("airplane", "automobile", "bird", "cat", "deer",
            "dog", "frog", "horse", "ship", "truck");
    /** Mean and standard deviation per channel (R, G, B) of the CIFAR-10 training pixels, in [0,1]. */
    public static final float[] MEAN = {0.4914f, 0.4822f, 0.4465f};
    public static final float[] STD = {0.2470f, 0.2435f, 0.2616f};

    private CifarFiles() {}

    /** The batch files of a split, in order. */
    public static List<String> files(Usage usage) {
        if (usage == Usage.TEST) {
            return List.of("test_batch.bin");
        }
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            names.add("data_batch_" + i + ".bin");
        }
        return names;
    }

    /**
     * These batch files plus {@link #META} wherever the folder has it or its {@code SHA256SUMS} lists it: the
     * class names a notebook shows come from that file, so it is verified like the images.
     */
    public static List<String> withMeta(Path dir, List<String> batchFiles) {
        List<String> names = new ArrayList<>(batchFiles);
        if (Files.exists(dir.resolve(META)) || Checksums.lists(dir, META)) {
            names.add(META);
        }
        return names;
    }

    /** The number of images in a split's files, from their sizes (each must be whole records). */
    public static int count(Path dir, Usage usage) {
        long total = 0;
        for (String name : files(usage)) {
            Path file = dir.resolve(name);
            long size;
            try {
                size = Files.size(file);
            } catch (IOException e) {
                throw new IllegalStateException(file + " is missing: run ./course data to prepare it.", e);
            }
            if (size == 0 || size % RECORD != 0) {
                throw formatError(file, "its size " + size + " is not a whole number of 3073-byte records");
            }
            total += size / RECORD;
        }
        return Math.toIntExact(total);
    }

    /**
     * Reads the first {@code limit} images of a split straight into one pixel array and one label
     * array: no intermediate copy of the file, no floats, so 50,000 images cost 150 MB of heap.
     */
    public static ImageBytes read(Path dir, Usage usage, int limit, String name, List<String> classNames,
            float[] mean, float[] std) {
        int available = count(dir, usage);
        if (limit < 1 || limit > available) {
            throw new IllegalArgumentException("limit " + limit + " is not in 1.." + available);
        }
        byte[] pixels = new byte[limit * PIXELS];
        byte[] labels = new byte[limit];
        int n = 0;
        for (String fileName : files(usage)) {
            Path file = dir.resolve(fileName);
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
                for (long left = Files.size(file) / RECORD; left > 0 && n < limit; left--, n++) {
                    labels[n] = in.readByte();
                    if ((labels[n] & 0xFF) >= classNames.size()) {
                        throw formatError(file, "label " + (labels[n] & 0xFF) + " of record " + n
                                + " is not a class 0.." + (classNames.size() - 1));
                    }
                    in.readFully(pixels, n * PIXELS, PIXELS);
                }
            } catch (IOException e) {
                throw formatError(file, e.toString());
            }
            if (n == limit) {
                break;
            }
        }
        return new ImageBytes(name, classNames, 3, 32, 32, pixels, labels, mean, std);
    }

    /** The class names in {@code batches.meta.txt}, or CIFAR-10's own if the file is absent. */
    public static List<String> classNames(Path dir) {
        Path meta = dir.resolve(META);
        if (!Files.isRegularFile(meta)) {
            return CLASS_NAMES;
        }
        try {
            List<String> names = new ArrayList<>();
            for (String line : Files.readAllLines(meta, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    names.add(line.trim());
                }
            }
            return names;
        } catch (IOException e) {
            throw formatError(meta, e.toString());
        }
    }

    private static IllegalStateException formatError(Path file, String problem) {
        return new IllegalStateException(file + " is not a valid CIFAR-10 binary file (" + problem
                + "): it is corrupt or truncated; run ./course data to prepare it again.");
    }
}
