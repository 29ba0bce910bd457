package org.dlcourse;

import ai.djl.training.dataset.Dataset.Usage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The stand-in for CIFAR-10 where it could not be downloaded: real Fashion-MNIST images written in
 * CIFAR-10's own binary layout (padded to 32x32, grey copied to R, G and B), 50,000 for training in
 * five batch files and 10,000 for testing. The CIFAR loader and the CIFAR network then run
 * unchanged, on real images, and everything shown from it says "stand-in": its name and its
 * {@code batches.meta.txt} (Fashion-MNIST's class names) travel with the files.
 */
final class CifarStandIn {

    static final String FOLDER = "cifar-standin";
    static final String NAME = "CIFAR-10 stand-in (Fashion-MNIST)";
    static final String NOTE = "README.txt";
    /** Mean and deviation per channel of the stand-in's training pixels: Fashion-MNIST's, padded. */
    static final float[] MEAN = {FashionMnistFiles.MEAN_PADDED_32, FashionMnistFiles.MEAN_PADDED_32,
        FashionMnistFiles.MEAN_PADDED_32};
    static final float[] STD = {FashionMnistFiles.STD_PADDED_32, FashionMnistFiles.STD_PADDED_32,
        FashionMnistFiles.STD_PADDED_32};

    private CifarStandIn() {}

    /** Fashion-MNIST images in the CIFAR shape, under {@code name}. */
    static ImageData asCifar(ImageData fashion, String name) {
        return fashion.asCifar(name, MEAN, STD);
    }

    /** Writes the stand-in's files into {@code target} (an empty folder) from prepared Fashion-MNIST files. */
    static void write(Path fashionDir, Path target) throws IOException {
        ImageData train = asCifar(FashionMnistFiles.read(fashionDir, Usage.TRAIN).first(50_000), NAME);
        ImageData test = asCifar(FashionMnistFiles.read(fashionDir, Usage.TEST), NAME);
        List<String> names = new ArrayList<>();
        List<String> trainFiles = CifarFiles.files(Usage.TRAIN);
        for (int b = 0; b < trainFiles.size(); b++) {
            CifarFiles.write(target.resolve(trainFiles.get(b)), train, b * 10_000, (b + 1) * 10_000);
            names.add(trainFiles.get(b));
        }
        String testFile = CifarFiles.files(Usage.TEST).get(0);
        CifarFiles.write(target.resolve(testFile), test, 0, test.count());
        names.add(testFile);
        CifarFiles.writeMeta(target, FashionMnistFiles.CLASS_NAMES);
        names.add(CifarFiles.META);
        Files.writeString(target.resolve(NOTE), "This is NOT CIFAR-10. These are Fashion-MNIST images (Xiao, Rasul"
                + " and Vollgraf, 2017)\nin CIFAR-10's binary layout (padded to 32x32, grey copied to R, G, B),\n"
                + "written by ./course data because CIFAR-10 could not be downloaded.\n"
                + "Class names: batches.meta.txt. Rerun ./course data with internet access for the real CIFAR-10.\n",
                StandardCharsets.UTF_8);
        names.add(NOTE);
        Checksums.writeSums(target, names);
    }

    /** The files a prepared stand-in folder must hold (those {@link #write} lists in SHA256SUMS). */
    static List<String> files() {
        List<String> names = new ArrayList<>(CifarFiles.files(Usage.TRAIN));
        names.addAll(CifarFiles.files(Usage.TEST));
        names.add(CifarFiles.META);
        names.add(NOTE);
        return names;
    }
}
