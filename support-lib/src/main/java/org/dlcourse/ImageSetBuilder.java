package org.dlcourse;

import ai.djl.training.dataset.*;
import org.dlcourse.data.ImageBytes;
import org.dlcourse.data.PreparedData;
import org.dlcourse.draw.Words;

import java.nio.file.Path;

/**
 * DJL's dataset builder ({@code optLimit}, {@code setSampling}, ...) with each setting named:
 * {@code optUsage} (default TRAIN), {@code optBatchSize} (default 64), {@code optShuffle}
 * (default: shuffle training sets only), {@code optAugment}, {@code optNormalize}. {@link Datasets}
 * hands one out per data set.
 * <p>Used in 04 §2, §6, §8; 06 §1.
 */
public final class ImageSetBuilder extends RandomAccessDataset.BaseBuilder<ImageSetBuilder> {

    /** Reads the first {@code limit} images of a split (all for {@code Integer.MAX_VALUE}), checked. */
    interface Source {
        ImageBytes read(Path home, Dataset.Usage usage, int limit);
    }

    private final String name;
    private final Source source;
    private Path home;
    Dataset.Usage usage = Dataset.Usage.TRAIN;
    private int batchSize = 64;
    private Boolean shuffle;
    boolean augment;
    boolean normalize;

    ImageSetBuilder(String name, Source source) {
        this.name = name;
        this.source = source;
    }

    @Override
    protected ImageSetBuilder self() { return this; }

    /** Which split: {@code Usage.TRAIN} (default) or {@code Usage.TEST}. */
    public ImageSetBuilder optUsage(Dataset.Usage usage) {
        PreparedData.checkUsage(usage, name);
        this.usage = usage;
        return this;
    }

    /** Images per batch (default 64). */
    public ImageSetBuilder optBatchSize(int batchSize) {
        this.batchSize = batchSize;
        return this;
    }

    /** A new random order each epoch (default: for the training split only). */
    public ImageSetBuilder optShuffle(boolean shuffle) {
        this.shuffle = shuffle;
        return this;
    }

    /** Random left-right flips and shifts of up to 4 pixels (pad 4, random crop), new each epoch. */
    public ImageSetBuilder optAugment(boolean augment) {
        this.augment = augment;
        return this;
    }

    /** Standardise each channel with the training set's mean and deviation, instead of just [0,1]. */
    public ImageSetBuilder optNormalize(boolean normalize) {
        this.normalize = normalize;
        return this;
    }

    /** Another data folder than the kit's {@code datasets/} (tests, prepared copies). */
    public ImageSetBuilder optHome(Path home) {
        this.home = home;
        return this;
    }

    /** Reads and checks the images now, so a data problem shows here, not in the middle of training. */
    public ImageSet build() {
        if (limit < 1) {
            throw new IllegalArgumentException(Words.of("error.limit", limit));
        }
        if (sampler == null) {
            if (batchSize < 1) throw new IllegalArgumentException(Words.of("error.batchSize", batchSize));
            setSampling(batchSize, shuffle != null ? shuffle : usage == Dataset.Usage.TRAIN);
        } else if (sampler instanceof BatchSampler && ((BatchSampler) sampler).getBatchSize() < 1) {
            throw new IllegalArgumentException(Words.of("error.batchSize", ((BatchSampler) sampler).getBatchSize()));
        }
        Path folder = home != null ? home : PreparedData.home();
        return new ImageSet(this, source.read(folder, usage, (int) Math.min(limit, Integer.MAX_VALUE)));
    }
}
