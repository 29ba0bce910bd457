package org.dlcourse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Dataset.Usage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.IOException;

/** Image grids: labelled dataset images, wrong predictions in red, generated images. */
class ImageGridTest {

    private static ImageSet test;

    @BeforeAll
    static void load() throws IOException {
        test = Datasets.fashionMnist().optHome(TestData.preparedHome()).optUsage(Usage.TEST).optLimit(32).build();
    }

    @Test
    void aGridHasARowOfEightCellsPerEightImagesUnderACaption() {
        BufferedImage one = ImageGrid.of(test, 8);
        BufferedImage two = ImageGrid.of(test, 16);
        assertEquals(one.getWidth(), two.getWidth());
        int cellHeight = two.getHeight() - one.getHeight();
        assertTrue(cellHeight >= 28 * 3, "images are enlarged: cell height " + cellHeight);
        assertEquals(one.getHeight(), 24 + cellHeight, "one row of cells under a 24-pixel caption");
    }

    @Test
    void wrongPredictionsAndOnlyThemAreMarkedInRed() {
        int[] indices = {0, 1, 2, 3};
        int[] right = {test.label(0), test.label(1), test.label(2), test.label(3)};
        int[] oneWrong = right.clone();
        oneWrong[2] = (oneWrong[2] + 1) % 10;
        assertEquals(0, redPixels(ImageGrid.of(test, indices, right)));
        assertTrue(redPixels(ImageGrid.of(test, indices, oneWrong)) > 100);
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.of(test, indices, new int[] {1}));
    }

    @Test
    void generatedImagesInTheTanhRangeAreMappedToBlackAndWhite() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray images = manager.full(new Shape(2, 1, 10, 10), -1f);
            images.set(new ai.djl.ndarray.index.NDIndex("1"), 1f);
            BufferedImage grid = ImageGrid.of(images, "samples");
            int cellWidth = grid.getWidth() / 2;
            int y = 24 + 4 + 20; // inside the first row of images, below the caption
            assertEquals(0x000000, grid.getRGB(cellWidth / 2, y) & 0xFFFFFF);
            assertEquals(0xFFFFFF, grid.getRGB(cellWidth + cellWidth / 2, y) & 0xFFFFFF);

            NDArray zeroToOne = manager.full(new Shape(1, 3, 8, 8), 0.5f);
            int grey = ImageGrid.of(zeroToOne, null).getRGB(20, 20) & 0xFF;
            assertEquals(128, grey, 1);
            assertThrows(IllegalArgumentException.class, () -> ImageGrid.of(manager.zeros(new Shape(2, 2, 8, 8)), null));
        }
    }

    private static int redPixels(BufferedImage image) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                count += r > 150 && g < 90 && b < 90 ? 1 : 0;
            }
        }
        return count;
    }
}
