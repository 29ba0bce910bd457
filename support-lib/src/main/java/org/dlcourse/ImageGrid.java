package org.dlcourse;

import org.dlcourse.draw.Words;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.dlcourse.draw.TileGrid;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Pictures of images in a grid, as a {@link BufferedImage} (the notebook shows it as a PNG).
 * Images come either from an {@link ImageSet}, labelled with their class and, when predictions
 * are given, the predicted class (wrong ones in red), or from an array of generated images.
 * Only {@code java.awt} drawing on an image in memory: works without a display.
 * <p>Used in 04 §2, §5; 06 §1, §4.
 */
public final class ImageGrid {

    private ImageGrid() {}

    /** The first {@code count} images of a set with their classes, captioned with the set's name. */
    public static BufferedImage of(ImageSet set, int count) {
        if (count < 1 || count > set.size()) {
            throw new IllegalArgumentException(Words.of("error.count", count, set.size()));
        }
        return of(set, IntStream.range(0, count).toArray(), null);
    }

    /**
     * Images {@code indices} of a set with their class; with {@code predicted} (or null) the predicted class,
     * a wrong one framed in red over the true one. The caption names the set: a stand-in is never taken for CIFAR-10.
     */
    public static BufferedImage of(ImageSet set, int[] indices, int[] predicted) {
        if (predicted != null && predicted.length != indices.length) {
            throw new IllegalArgumentException(Words.of("error.imagesVsPredicted", indices.length, predicted.length));
        }
        List<TileGrid.Tile> tiles = new ArrayList<>();
        int wrong = 0;
        for (int k = 0; k < indices.length; k++) {
            String truth = set.className(set.label(indices[k]));
            BufferedImage picture = set.image(indices[k]);
            if (predicted == null || predicted[k] == set.label(indices[k])) {
                tiles.add(new TileGrid.Tile(picture, List.of(truth), false));
            } else {
                wrong++;
                tiles.add(new TileGrid.Tile(picture, List.of(set.className(predicted[k]), Words.of("grid.true", truth)), true));
            }
        }
        String caption = Words.of("grid.set", set.name(), Words.of("usage." + set.usage().name().toLowerCase()))
                + (predicted == null ? "" : Words.of("grid.wrong", wrong, indices.length));
        return TileGrid.draw(tiles, caption, Math.min(indices.length, 8));
    }

    /**
     * Generated images, e.g. a GAN's samples: {@code (N,C,H,W)} with C = 1 or 3, or {@code (N,H,W)}, values in
     * [0,1] or in [-1,1] (a tanh output, recognised by a negative value); {@code caption} may be null.
     */
    public static BufferedImage of(NDArray images, String caption) {
        Shape shape = images.getShape();
        if (shape.dimension() == 3) shape = new Shape(shape.get(0), 1, shape.get(1), shape.get(2));
        if (shape.dimension() != 4 || (shape.get(1) != 1 && shape.get(1) != 3)) {
            throw new IllegalArgumentException(Words.of("error.imagesShape", images.getShape()));
        }
        int n = (int) shape.get(0);
        if (n < 1) throw new IllegalArgumentException(Words.of("error.noImages"));
        int c = (int) shape.get(1);
        int h = (int) shape.get(2);
        int w = (int) shape.get(3);
        float[] values = images.toType(DataType.FLOAT32, false).toFloatArray();
        boolean tanhRange = false;
        for (float v : values) tanhRange |= v < 0;
        List<TileGrid.Tile> tiles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tiles.add(new TileGrid.Tile(TileGrid.picture(values, i, c, h, w, tanhRange), List.of(), false));
        }
        return TileGrid.draw(tiles, caption, Math.min(n, 8));
    }
}
