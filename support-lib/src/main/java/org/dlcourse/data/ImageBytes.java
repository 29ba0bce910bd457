package org.dlcourse.data;

import ai.djl.util.RandomUtils;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;

/**
 * Images as the files store them: one byte per pixel value (0..255), image after image, each in
 * channel planes ({@code C,H,W}: all red values, then green, then blue), plus one label byte each.
 *
 * <p>Why bytes: 50,000 CIFAR images take 150 MB this way, four times less than as floats. Floats
 * are made per batch, in {@link ImageSet#get}.
 */
public final class ImageBytes {

    /** How far a random crop may shift the image: CIFAR's usual "pad by 4, crop back". */
    public static final int CROP_PADDING = 4;


    public final String name;
    public final List<String> classNames;
    public final int channels;
    public final int height;
    public final int width;
    public final byte[] pixels;
    public final byte[] labels;
    /** Per-channel mean and standard deviation (of values in [0,1]) of the training set. */
    public final float[] mean;
    public final float[] std;

    public ImageBytes(String name, List<String> classNames, int channels, int height, int width,
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

    public int count() {
        return labels.length;
    }

    public int imageSize() {
        return channels * height * width;
    }

    public int label(int index) {
        return labels[index] & 0xFF;
    }

    /** The first {@code n} images (a copy, so the rest can be garbage-collected). */
    public ImageBytes first(int n) {
        if (n == count()) {
            return this;
        }
        return new ImageBytes(name, classNames, channels, height, width,
                Arrays.copyOf(pixels, n * imageSize()), Arrays.copyOf(labels, n), mean, std);
    }

    /**
     * Grey images in the CIFAR shape: zero-padded to 32x32 (Fashion-MNIST's background is 0) and
     * the grey plane copied to R, G and B, so a network written for CIFAR-10 runs on them unchanged.
     */
    public ImageBytes asCifar(String newName, float[] newMean, float[] newStd) {
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
        return new ImageBytes(newName, classNames, 3, 32, 32, out, labels, newMean, newStd);
    }

    /** value[c][b]: the float a pixel byte b of channel c becomes: b/255, standardised if asked. */
    public float[][] valueTable(boolean standardise) {
        float[][] value = new float[channels][256];
        for (int c = 0; c < channels; c++) {
            for (int b = 0; b < 256; b++) {
                float x = b / 255f;
                value[c][b] = standardise ? (x - mean[c]) / std[c] : x;
            }
        }
        return value;
    }

    /** Images {@code indices} as floats one after the other ({@code C,H,W} each), through {@code value}. */
    public float[] floats(List<Long> indices, boolean augment, float[][] value) {
        float[] out = new float[indices.size() * imageSize()];
        for (int k = 0; k < indices.size(); k++) {
            fill(Math.toIntExact(indices.get(k)), augment, value, out, k * imageSize());
        }
        return out;
    }

    /**
     * Writes image {@code i} as floats into {@code out} at {@code offset}. With augmentation it is
     * mirrored left-right half of the time and shifted by up to {@link #CROP_PADDING} pixels each
     * way, the uncovered border black: the same as "pad by 4, then crop a random 32x32 window".
     * The random numbers come from DJL's {@link RandomUtils}, so {@code Engine.setRandomSeed} fixes them.
     */
    private void fill(int i, boolean augment, float[][] value, float[] out, int offset) {
        boolean flip = augment && RandomUtils.nextInt(2) == 1;
        int dy = augment ? RandomUtils.nextInt(2 * CROP_PADDING + 1) - CROP_PADDING : 0;
        int dx = augment ? RandomUtils.nextInt(2 * CROP_PADDING + 1) - CROP_PADDING : 0;
        int base = i * imageSize();
        for (int c = 0; c < channels; c++) {
            float[] table = value[c];
            for (int y = 0; y < height; y++) {
                int sy = y + dy;
                for (int x = 0; x < width; x++) {
                    int sx = (flip ? width - 1 - x : x) + dx;
                    int b = sy < 0 || sy >= height || sx < 0 || sx >= width ? 0 : pixels[base + (c * height + sy) * width + sx] & 0xFF;
                    out[offset++] = table[b];
                }
            }
        }
    }

    /** The bytes of image {@code index}, in {@code C,H,W} order. */
    public byte[] pixels(int index) {
        return Arrays.copyOfRange(pixels, index * imageSize(), (index + 1) * imageSize());
    }

    /** Image {@code index} as a picture (grey or RGB), at its own size. */
    public BufferedImage picture(int index) {
        int plane = height * width;
        int base = index * imageSize();
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int at = 0; at < plane; at++) {
            int r = pixels[base + at] & 0xFF;
            int g = channels == 3 ? pixels[base + plane + at] & 0xFF : r;
            int b = channels == 3 ? pixels[base + 2 * plane + at] & 0xFF : r;
            image.setRGB(at % width, at / width, (r << 16) | (g << 8) | b);
        }
        return image;
    }
}
