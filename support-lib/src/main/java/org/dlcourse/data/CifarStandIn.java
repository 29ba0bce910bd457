package org.dlcourse.data;

import ai.djl.training.dataset.Dataset.Usage;

import java.util.ArrayList;
import java.util.List;

/**
 * Where CIFAR-10 could not be downloaded, {@code ./course data} writes a stand-in: real
 * Fashion-MNIST images in CIFAR-10's own binary layout (padded to 32x32, grey copied to R, G and
 * B), 50,000 for training in five batch files and 10,000 for testing. The CIFAR loader and the
 * CIFAR network then run unchanged, on real images, and everything shown from it says "stand-in":
 * its name and its {@code batches.meta.txt} (Fashion-MNIST's class names) travel with the files.
 * This class says what the stand-in is; {@code org.dlcourse.setup.CifarWriter} writes it.
 */
public final class CifarStandIn {

    public static final String FOLDER = "cifar-standin";
    public static final String NAME = "CIFAR-10 stand-in (Fashion-MNIST)";
    public static final String NOTE = "README.txt";
    /** Mean and deviation per channel of the stand-in's training pixels: Fashion-MNIST's, padded. */
    public static final float[] MEAN = {FashionMnistFiles.MEAN_PADDED_32, FashionMnistFiles.MEAN_PADDED_32,
        FashionMnistFiles.MEAN_PADDED_32};
    public static final float[] STD = {FashionMnistFiles.STD_PADDED_32, FashionMnistFiles.STD_PADDED_32,
        FashionMnistFiles.STD_PADDED_32};

    private CifarStandIn() {}

    /** Fashion-MNIST images in the CIFAR shape, under {@code name}. */
    public static ImageBytes asCifar(ImageBytes fashion, String name) {
        return fashion.asCifar(name, MEAN, STD);
    }

    /** The files a prepared stand-in folder must hold (those listed in its SHA256SUMS). */
    public static List<String> files() {
        List<String> names = new ArrayList<>(CifarFiles.files(Usage.TRAIN));
        names.addAll(CifarFiles.files(Usage.TEST));
        names.add(CifarFiles.META);
        names.add(NOTE);
        return names;
    }
}
