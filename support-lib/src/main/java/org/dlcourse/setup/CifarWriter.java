package org.dlcourse.setup;

import ai.djl.training.dataset.Dataset.Usage;
import org.dlcourse.data.Checksums;
import org.dlcourse.data.CifarFiles;
import org.dlcourse.data.CifarStandIn;
import org.dlcourse.data.FashionMnistFiles;
import org.dlcourse.data.ImageBytes;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the CIFAR-10 binary format ({@link CifarFiles} reads it): the stand-in's files at set-up
 * time, and small CIFAR folders in tests.
 */
public final class CifarWriter {

    private CifarWriter() {}

    /** Writes images {@code from..to-1} of a 3x32x32 set as one CIFAR batch file. */
    public static void write(Path file, ImageBytes data, int from, int to) throws IOException {
        if (data.channels != 3 || data.height != 32 || data.width != 32) {
            throw new IllegalArgumentException(data.name + " is not 3x32x32: it cannot be written as CIFAR");
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (int i = from; i < to; i++) {
                out.write(data.labels[i]);
                out.write(data.pixels, i * CifarFiles.PIXELS, CifarFiles.PIXELS);
            }
        }
    }

    /** Writes {@code batches.meta.txt}: the class names, one a line, as the official archive has it. */
    public static void writeMeta(Path dir, List<String> classNames) throws IOException {
        Files.write(dir.resolve(CifarFiles.META), classNames, StandardCharsets.UTF_8);
    }

    /** Writes the {@link CifarStandIn}'s files into {@code target} (an empty folder) from prepared Fashion-MNIST files. */
    public static void writeStandIn(Path fashionDir, Path target) throws IOException {
        ImageBytes train = CifarStandIn.asCifar(FashionMnistFiles.read(fashionDir, Usage.TRAIN).first(50_000), CifarStandIn.NAME);
        ImageBytes test = CifarStandIn.asCifar(FashionMnistFiles.read(fashionDir, Usage.TEST), CifarStandIn.NAME);
        List<String> names = new ArrayList<>();
        List<String> trainFiles = CifarFiles.files(Usage.TRAIN);
        for (int b = 0; b < trainFiles.size(); b++) {
            write(target.resolve(trainFiles.get(b)), train, b * 10_000, (b + 1) * 10_000);
            names.add(trainFiles.get(b));
        }
        String testFile = CifarFiles.files(Usage.TEST).get(0);
        write(target.resolve(testFile), test, 0, test.count());
        names.add(testFile);
        writeMeta(target, FashionMnistFiles.CLASS_NAMES);
        names.add(CifarFiles.META);
        Files.writeString(target.resolve(CifarStandIn.NOTE), "This is NOT CIFAR-10. These are Fashion-MNIST images (Xiao, Rasul"
                + " and Vollgraf, 2017)\nin CIFAR-10's binary layout (padded to 32x32, grey copied to R, G, B),\n"
                + "written by ./course data because CIFAR-10 could not be downloaded.\n"
                + "Class names: batches.meta.txt. Rerun ./course data with internet access for the real CIFAR-10.\n",
                StandardCharsets.UTF_8);
        names.add(CifarStandIn.NOTE);
        Checksums.writeSums(target, names);
    }
}
