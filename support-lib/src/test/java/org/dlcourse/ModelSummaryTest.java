package org.dlcourse;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelSummaryTest {

    /**
     * The CIFAR-10 network of the course's slide (the TensorFlow CNN tutorial). Not in the library: building it is
     * notebook 04's exercise, and the library ships to students.
     */
    private static SequentialBlock slideNetwork() {
        return new SequentialBlock()
                .add(Conv2d.builder().setFilters(32).setKernelShape(new Shape(3, 3)).build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Conv2d.builder().setFilters(64).setKernelShape(new Shape(3, 3)).build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Conv2d.builder().setFilters(64).setKernelShape(new Shape(3, 3)).build())
                .add(Activation.reluBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(64).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(10).build());
    }

    private static ModelSummary summary(Block block, Shape input, NDManager manager) {
        block.initialize(manager, DataType.FLOAT32, input);
        return ModelSummary.of(block, input);
    }

    @Test
    void theSlidesNetworkHasTheSlidesParameterCounts() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelSummary s = summary(slideNetwork(), new Shape(1, 3, 32, 32), manager);
            assertEquals(List.of(896L, 18_496L, 36_928L), s.parametersPerLayer(Conv2d.class));
            assertEquals(56_320, s.parameters(Conv2d.class));
            assertEquals(122_570, s.parameters());
            assertEquals(new Shape(32, 30, 30), s.layers().get(0).outputShape());
            assertEquals(new Shape(64, 4, 4), s.layers().get(6).outputShape());
            assertEquals(new Shape(1024), s.layers().get(8).outputShape());
        }
    }

    @Test
    void eachCountSaysHowItComesAbout() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelSummary s = summary(slideNetwork(), new Shape(1, 3, 32, 32), manager);
            assertEquals("Conv2d, 32 filters 3x3", s.layers().get(0).name());
            assertEquals("(3·3·3 + 1) × 32 = 896", s.layers().get(0).counted());
            assertEquals("(3·3·32 + 1) × 64 = 18,496", s.layers().get(3).counted(), "filter size, then channels, as the slide");
            assertEquals("(1024 + 1) × 64 = 65,600", s.layers().get(9).counted());
            assertEquals("ReLU", s.layers().get(1).name());
            assertEquals("no parameters", s.layers().get(2).counted());
            Table table = s.table("slide network");
            assertEquals(s.layers().size() + 1, table.rowCount(), "one row per layer and the total");
            assertEquals(122_570L, table.longColumn("parameters").get(table.rowCount() - 1));
        }
    }

    @Test
    void aDenseLayerOnImagesHasTheSlidesCounts() {
        // 28·28·1·128 + 128 = 100,480 and 28·28·3·128 + 128 = 301,184 (slide "CNN, 1. Introduction").
        try (NDManager manager = NDManager.newBaseManager()) {
            assertEquals(100_480, summary(Linear.builder().setUnits(128).build(), new Shape(1, 28 * 28), manager).parameters());
            assertEquals(301_184, summary(Linear.builder().setUnits(128).build(), new Shape(1, 28 * 28 * 3), manager).parameters());
        }
    }

    @Test
    void anUninitialisedBlockIsRefusedWithTheFix() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ModelSummary.of(slideNetwork(), new Shape(1, 3, 32, 32)));
        assertTrue(e.getMessage().contains("initialize"), e.getMessage());
    }
}
