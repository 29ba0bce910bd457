package org.dlcourse;

import org.dlcourse.draw.Words;
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.*;
import ai.djl.training.dataset.Record;   // not java.lang.Record
import ai.djl.translate.TranslateException;
import org.dlcourse.data.*;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * A set of labelled images as a DJL dataset: give it to {@link Training#fit}. Build one with
 * {@link Datasets}, e.g. {@code Datasets.fashionMnist().optUsage(Usage.TEST).optBatchSize(256).build()}.
 * The images stay in memory as {@link ImageBytes} (one byte per pixel value); a batch becomes floats in
 * [0,1] (or standardised, {@link ImageSetBuilder#optNormalize}), flipped and cropped if
 * {@link ImageSetBuilder#optAugment}, only when training asks for it: so the CIFAR-10 training set costs
 * 150 MB of heap, not 600 MB of floats. A batch is {@code (N,C,H,W)} float32 images, {@code (N)} float32 labels.
 * <p>Used in 04 §2, §5, §6, §8; 06 §1, §6.
 */
public final class ImageSet extends RandomAccessDataset {

    private final ImageBytes data;
    private final Dataset.Usage usage;
    private final boolean augment;
    /** value[c][b]: the float a pixel byte b of channel c becomes (scaled, maybe standardised). */
    private final float[][] value;

    ImageSet(ImageSetBuilder builder, ImageBytes data) {
        super(builder);
        this.data = data;
        this.usage = builder.usage;
        this.augment = builder.augment;
        this.value = data.valueTable(builder.normalize);
    }

    /** Batches made whole ({@link WholeBatches}): one copy to the engine per batch, not one per image. */
    @Override
    public Iterable<Batch> getData(NDManager manager, Sampler sampler, ExecutorService executor)
            throws IOException, TranslateException {
        return new WholeBatches(this, (m, indices) -> new NDList[] {new NDList(imageBatch(m, indices, augment)),
            new NDList(labelBatch(m, indices))}, manager, sampler, dataBatchifier, labelBatchifier, pipeline,
                targetPipeline, executor, prefetchNumber, device);
    }

    /** One image as a {@code (C,H,W)} float array and its label as a scalar (DJL's per-record access). */
    @Override
    public Record get(NDManager manager, long index) {
        NDArray image = manager.create(floats(List.of(index), augment), imageShape());
        NDArray label = manager.create((float) data.label(checkIndex(index)));
        return new Record(new NDList(image), new NDList(label));
    }

    /** Images {@code indices} as one {@code (N,C,H,W)} array, never augmented: to predict on, e.g. for {@link ImageGrid}. */
    public NDArray images(NDManager manager, int... indices) {
        List<Long> list = new ArrayList<>();
        for (int index : indices) list.add((long) index);
        return imageBatch(manager, list, false);
    }

    private NDArray imageBatch(NDManager manager, List<Long> indices, boolean randomise) {
        return manager.create(floats(indices, randomise), new Shape(indices.size(), data.channels, data.height, data.width));
    }

    private float[] floats(List<Long> indices, boolean randomise) {
        indices.forEach(this::checkIndex);
        return data.floats(indices, randomise, value);
    }

    private NDArray labelBatch(NDManager manager, List<Long> indices) {
        float[] labels = new float[indices.size()];
        for (int k = 0; k < labels.length; k++) labels[k] = data.label(checkIndex(indices.get(k)));
        return manager.create(labels);
    }

    @Override
    protected long availableSize() { return data.count(); }

    /** Nothing to do: the images were read and checked when the set was built. */
    @Override
    public void prepare(ai.djl.util.Progress progress) {}

    /** What the images are, e.g. "Fashion-MNIST" or "CIFAR-10 stand-in (Fashion-MNIST)": put it in titles. */
    public String name() { return data.name; }

    /** True for the Fashion-MNIST images that stand in for CIFAR-10 when it was not downloaded. */
    public boolean isStandIn() { return CifarStandIn.NAME.equals(data.name); }

    public Dataset.Usage usage() { return usage; }

    /** The class names, by label. */
    public List<String> classNames() { return data.classNames; }

    /** The name of class {@code label}, e.g. "Sneaker" for 7 in Fashion-MNIST. */
    public String className(int label) {
        if (label < 0 || label >= data.classNames.size()) {
            throw new IllegalArgumentException(Words.of("error.label", label, data.classNames.size() - 1));
        }
        return data.classNames.get(label);
    }

    /** The label (class number) of image {@code index}. */
    public int label(int index) { return data.label(checkIndex(index)); }

    /** The shape of one image as the network sees it: {@code (C,H,W)}. */
    public Shape imageShape() { return new Shape(data.channels, data.height, data.width); }

    /** The stored bytes (0..255) of image {@code index}, in {@code C,H,W} order: raw, not augmented. */
    public byte[] pixels(int index) { return data.pixels(checkIndex(index)); }

    /** Image {@code index} as a picture (grey or RGB), at its own size. */
    public BufferedImage image(int index) { return data.picture(checkIndex(index)); }

    @Override
    public String toString() {
        return name() + " " + usage + ": " + size() + " images " + data.channels + "x" + data.height + "x"
                + data.width + ", " + data.classNames.size() + " classes" + (augment ? ", augmented" : "");
    }

    private int checkIndex(long index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException(Words.of("error.imageIndex", index, size() - 1, this));
        }
        return (int) index;
    }
}
