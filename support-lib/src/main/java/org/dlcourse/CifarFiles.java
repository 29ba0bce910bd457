package org.dlcourse;

import ai.djl.training.dataset.Dataset.Usage;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes the CIFAR-10 binary format (Krizhevsky, 2009): files of records of 3073 bytes,
 * one label byte (0..9) then 3072 pixel bytes, the 1024 red values of the 32x32 image row by row,
 * then the 1024 green, then the 1024 blue. The training set is {@code data_batch_1.bin} to
 * {@code data_batch_5.bin} (10,000 images each), the test set {@code test_batch.bin}, and
 * {@code batches.meta.txt} names the classes, one a line.
 *
 * <p>The plane order is already the {@code C,H,W} order a network wants, so reading is copying.
 */
final class CifarFiles {

    static final String NAME = "CIFAR-10";
    /** The folder the official archive unpacks to, in {@code Datasets.home()}. */
    static final String FOLDER = "cifar-10-batches-bin";
    static final String URL = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz";
    /** The MD5 of the archive, as published by its authors on https://www.cs.toronto.edu/~kriz/cifar.html. */
    static final String MD5 = "c32a1d4ab5d03f1284b67883e8d87530";
    static final String META = "batches.meta.txt";

    static final int PIXELS = 3 * 32 * 32;
    static final int RECORD = 1 + PIXELS;

    static final List<String> CLASS_NAMES = List.of("airplane", "automobile", "bird", "cat", "deer",
            "dog", "frog", "horse", "ship", "truck");
    /** Mean and standard deviation per channel (R, G, B) of the CIFAR-10 training pixels, in [0,1]. */
    static final float[] MEAN = {0.4914f, 0.4822f, 0.4465f};
    static final float[] STD = {0.2470f, 0.2435f, 0.2616f};

    private CifarFiles() {}

    /** The batch files of a split, in order. */
    static List<String> files(Usage usage) {
        if (usage == Usage.TEST) {
            return List.of("test_batch.bin");
        }
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            names.add("data_batch_" + i + ".bin");
        }
        return names;
    }

    /** The number of images in a split's files, from their sizes (each must be whole records). */
    static int count(Path dir, Usage usage) {
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
    static ImageData read(Path dir, Usage usage, int limit, String name, List<String> classNames,
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
        return new ImageData(name, classNames, 3, 32, 32, pixels, labels, mean, std);
    }

    /** The class names in {@code batches.meta.txt}, or CIFAR-10's own if the file is absent. */
    static List<String> classNames(Path dir) {
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

    /** Writes images {@code from..to-1} of a 3x32x32 set as one CIFAR batch file. */
    static void write(Path file, ImageData data, int from, int to) throws IOException {
        if (data.channels != 3 || data.height != 32 || data.width != 32) {
            throw new IllegalArgumentException(data.name + " is not 3x32x32: it cannot be written as CIFAR");
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (int i = from; i < to; i++) {
                out.write(data.labels[i]);
                out.write(data.pixels, i * PIXELS, PIXELS);
            }
        }
    }

    /** Writes {@code batches.meta.txt}: the class names, one a line, as the official archive has it. */
    static void writeMeta(Path dir, List<String> classNames) throws IOException {
        Files.write(dir.resolve(META), classNames, StandardCharsets.UTF_8);
    }

    private static IllegalStateException formatError(Path file, String problem) {
        return new IllegalStateException(file + " is not a valid CIFAR-10 binary file (" + problem
                + "): it is corrupt or truncated; run ./course data to prepare it again.");
    }
}
