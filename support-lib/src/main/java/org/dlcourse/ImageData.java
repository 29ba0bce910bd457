package org.dlcourse;

import java.util.Arrays;
import java.util.List;

/**
 * Images as the files store them: one byte per pixel value (0..255), image after image, each in
 * channel planes ({@code C,H,W}: all red values, then green, then blue), plus one label byte each.
 *
 * <p>Why bytes: 50,000 CIFAR images take 150 MB this way, four times less than as floats. Floats
 * are made per batch, in {@link ImageSet#get}.
 */
final class ImageData {

    final String name;
    final List<String> classNames;
    final int channels;
    final int height;
    final int width;
    final byte[] pixels;
    final byte[] labels;
    /** Per-channel mean and standard deviation (of values in [0,1]) of the training set. */
    final float[] mean;
    final float[] std;

    ImageData(String name, List<String> classNames, int channels, int height, int width,
            byte[] pixels, byte[] labels, float[] mean, float[] std) {
        if (pixels.length != (long) labels.length * channels * height * width) {
            throw new IllegalArgumentException(name + ": " + pixels.length + " pixel bytes do not make "
                    + labels.length + " images of " + channels + "x" + height + "x" + width);
        }
        if (mean.length != channels || std.length != channels) {
            throw new IllegalArgumentException(name + ": mean and std need one value per channel");
        }
        this.name = name;
        this.classNames = List.copyOf(classNames);
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.pixels = pixels;
        this.labels = labels;
        this.mean = mean.clone();
        this.std = std.clone();
    }

    int count() {
        return labels.length;
    }

    int imageSize() {
        return channels * height * width;
    }

    int label(int index) {
        return labels[index] & 0xFF;
    }

    /** The first {@code n} images (a copy, so the rest can be garbage-collected). */
    ImageData first(int n) {
        if (n == count()) {
            return this;
        }
        return new ImageData(name, classNames, channels, height, width,
                Arrays.copyOf(pixels, n * imageSize()), Arrays.copyOf(labels, n), mean, std);
    }

    /**
     * Grey images in the CIFAR shape: zero-padded to 32x32 (Fashion-MNIST's background is 0) and
     * the grey plane copied to R, G and B, so a network written for CIFAR-10 runs on them unchanged.
     */
    ImageData asCifar(String newName, float[] newMean, float[] newStd) {
        if (channels != 1 || height > 32 || width > 32) {
            throw new IllegalArgumentException(name + " is not a set of small grey images");
        }
        int top = (32 - height) / 2;
        int left = (32 - width) / 2;
        byte[] out = new byte[count() * 3 * 32 * 32];
        for (int i = 0; i < count(); i++) {
            for (int y = 0; y < height; y++) {
                int from = i * imageSize() + y * width;
                for (int c = 0; c < 3; c++) {
                    int to = ((i * 3 + c) * 32 + top + y) * 32 + left;
                    System.arraycopy(pixels, from, out, to, width);
                }
            }
        }
        return new ImageData(newName, classNames, 3, 32, 32, out, labels, newMean, newStd);
    }
}
