package org.dlcourse;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset.Usage;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.EvaluatorTrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.dlcourse.data.Checksums;
import org.dlcourse.data.FashionMnistFiles;
import org.dlcourse.data.Idx;
import org.dlcourse.data.ImageBytes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Fashion-MNIST loader, on the real files of Debian's dataset-fashion-mnist package. */
class FashionMnistTest {

    private static Path home;

    @BeforeAll
    static void prepare() throws IOException {
        home = TestData.preparedHome();
    }

    @Test
    void realFilesHaveTheOfficialCountsAndBalancedClasses() {
        Path dir = TestData.debianFashionMnist();
        ImageBytes train = FashionMnistFiles.read(dir, Usage.TRAIN);
        ImageBytes test = FashionMnistFiles.read(dir, Usage.TEST);
        assertEquals(60_000, train.count());
        assertEquals(10_000, test.count());
        int[] trainPerClass = new int[10];
        int[] testPerClass = new int[10];
        for (int i = 0; i < train.count(); i++) {
            trainPerClass[train.label(i)]++;
        }
        for (int i = 0; i < test.count(); i++) {
            testPerClass[test.label(i)]++;
        }
        int[] sixThousand = new int[10];
        int[] oneThousand = new int[10];
        Arrays.fill(sixThousand, 6000);
        Arrays.fill(oneThousand, 1000);
        assertArrayEquals(sixThousand, trainPerClass);
        assertArrayEquals(oneThousand, testPerClass);
    }

    @Test
    void pixelBytes0To255BecomeFloats0To1() {
        ImageSet set = Datasets.fashionMnist().optHome(home).optUsage(Usage.TRAIN).optLimit(500).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray images = set.images(manager, 0, 1, 2);
            assertEquals(new Shape(3, 1, 28, 28), images.getShape());
            float[] floats = images.toFloatArray();
            byte[] raw = set.pixels(0);
            for (int k = 0; k < raw.length; k++) {
                assertEquals((raw[k] & 0xFF) / 255f, floats[k], 1e-6);
            }
            NDArray all = set.images(manager, range(500));
            assertEquals(0f, all.min().getFloat());
            assertEquals(1f, all.max().getFloat());
        }
    }

    @Test
    void batchesHaveTheShapesEasyTrainExpects() throws Exception {
        ImageSet set = Datasets.fashionMnist().optHome(home).optUsage(Usage.TEST).optLimit(100).setSampling(32, false).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            int batches = 0;
            int images = 0;
            for (Batch batch : set.getData(manager)) {
                NDArray x = batch.getData().singletonOrThrow();
                NDArray y = batch.getLabels().singletonOrThrow();
                assertEquals(new Shape(batch.getSize(), 1, 28, 28), x.getShape());
                assertEquals(new Shape(batch.getSize()), y.getShape());
                assertEquals(DataType.FLOAT32, y.getDataType());
                images += batch.getSize();
                batches++;
                batch.close();
            }
            assertEquals(100, images);
            assertEquals(4, batches); // 32 + 32 + 32 + 4
        }
    }

    @Test
    void labelsOfABatchAreThoseOfItsImages() throws Exception {
        ImageSet set = Datasets.fashionMnist().optHome(home).optUsage(Usage.TEST).optLimit(64).setSampling(64, false).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            Batch batch = set.getData(manager).iterator().next();
            float[] labels = batch.getLabels().singletonOrThrow().toFloatArray();
            for (int i = 0; i < 64; i++) {
                assertEquals(set.label(i), (int) labels[i]);
            }
            batch.close();
        }
    }

    @Test
    void normalisedImagesHaveMeanNearZeroAndDeviationNearOne() {
        ImageSet set = Datasets.fashionMnist().optHome(home).optUsage(Usage.TRAIN).optLimit(2000).optNormalize(true).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = set.images(manager, range(2000));
            float mean = x.mean().getFloat();
            float std = (float) Math.sqrt(x.sub(mean).square().mean().getFloat());
            assertEquals(0, mean, 0.05);
            assertEquals(1, std, 0.05);
        }
    }

    @Test
    void asCifarIsPaddedTo32AndGreyInAllThreeChannels() {
        ImageSet grey = Datasets.fashionMnist().optHome(home).optUsage(Usage.TEST).optLimit(10).build();
        ImageSet cifarShaped = Datasets.fashionMnistAsCifar().optHome(home).optUsage(Usage.TEST).optLimit(10).build();
        assertEquals(new Shape(3, 32, 32), cifarShaped.imageShape());
        byte[] original = grey.pixels(3);
        byte[] padded = cifarShaped.pixels(3);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    boolean inside = y >= 2 && y < 30 && x >= 2 && x < 30;
                    int expected = inside ? original[(y - 2) * 28 + x - 2] : 0;
                    assertEquals(expected, padded[(c * 32 + y) * 32 + x], "channel " + c + " at " + y + "," + x);
                }
            }
        }
        assertEquals(grey.label(3), cifarShaped.label(3));
        assertEquals(FashionMnistFiles.CLASS_NAMES, cifarShaped.classNames());
    }

    @Test
    void aSmallNetworkLearnsFromItWithEasyTrain() throws Exception {
        ImageSet train = Datasets.fashionMnist().optHome(home).optUsage(Usage.TRAIN).optLimit(2000).setSampling(50, true).build();
        ImageSet test = Datasets.fashionMnist().optHome(home).optUsage(Usage.TEST).optLimit(1000).setSampling(250, false).build();
        try (Model model = Model.newInstance("fashion-mlp")) {
            model.setBlock(new SequentialBlock().add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(10).build()));
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .addEvaluator(new Accuracy())
                    .addTrainingListeners(new EvaluatorTrainingListener())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, 1, 28, 28));
                EasyTrain.fit(trainer, 1, train, test);
                float accuracy = trainer.getTrainingResult().getValidateEvaluation("Accuracy");
                assertTrue(accuracy > 0.6, "test accuracy after one epoch on 2,000 images: " + accuracy);
            }
        }
    }

    @Test
    void wrongLimitUsageOrBatchSizeSaysWhatIsAllowed() {
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> Datasets.fashionMnist().optHome(home).optUsage(Usage.TEST).optLimit(10_001).build());
        assertTrue(tooMany.getMessage().contains("1..10000"), tooMany.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Datasets.fashionMnist().optHome(home).optUsage(Usage.TEST).optLimit(0).build());
        IllegalArgumentException validation = assertThrows(IllegalArgumentException.class,
                () -> Datasets.fashionMnist().optHome(home).optUsage(Usage.VALIDATION));
        assertTrue(validation.getMessage().contains("Usage.TRAIN or Usage.TEST"), validation.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Datasets.fashionMnist().optHome(home).optUsage(Usage.TEST).setSampling(0, false).build());
    }

    @Test
    void missingDataNamesTheCommandThatPreparesIt(@TempDir Path empty) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Datasets.fashionMnist().optHome(empty).optUsage(Usage.TRAIN).build());
        assertTrue(e.getMessage().contains("./course data"), e.getMessage());
    }

    @Test
    void aChangedFileIsRejectedByItsChecksumBeforeTraining(@TempDir Path copy) throws IOException {
        Path dir = copy.resolve(FashionMnistFiles.FOLDER);
        Files.createDirectories(dir);
        for (String name : new String[] {"t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", Checksums.SUMS}) {
            Files.copy(home.resolve(FashionMnistFiles.FOLDER).resolve(name), dir.resolve(name));
        }
        Path labels = dir.resolve("t10k-labels-idx1-ubyte.gz");
        byte[] bytes = Files.readAllBytes(labels);
        bytes[bytes.length / 2] ^= 1;
        Files.write(labels, bytes);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Datasets.fashionMnist().optHome(copy).optUsage(Usage.TEST).build());
        assertTrue(e.getMessage().contains("t10k-labels-idx1-ubyte.gz") && e.getMessage().contains("checksum"),
                e.getMessage());
    }

    @Test
    void truncatedOrCorruptIdxFilesAreFormatErrorsNamingTheFile(@TempDir Path dir) throws IOException {
        byte[] gz = Files.readAllBytes(TestData.debianFashionMnist().resolve("t10k-labels-idx1-ubyte.gz"));
        Path truncated = dir.resolve("truncated-labels.gz");
        Files.write(truncated, Arrays.copyOf(gz, gz.length / 2));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Idx.readLabels(truncated));
        assertTrue(e.getMessage().contains("truncated-labels.gz"), e.getMessage());

        Path corrupt = dir.resolve("corrupt-labels.gz");
        byte[] flipped = gz.clone();
        flipped[flipped.length - 12] ^= 0x55; // inside the compressed data, near the end
        Files.write(corrupt, flipped);
        e = assertThrows(IllegalStateException.class, () -> Idx.readLabels(corrupt));
        assertTrue(e.getMessage().contains("corrupt-labels.gz"), e.getMessage());

        Path wrongKind = dir.resolve("labels-read-as-images");
        Files.write(wrongKind, new byte[] {0, 0, 8, 1, 0, 0, 0, 1, 5});
        e = assertThrows(IllegalStateException.class, () -> Idx.readImages(wrongKind, 28, 28));
        assertTrue(e.getMessage().contains("magic number"), e.getMessage());
    }

    static int[] range(int n) {
        int[] indices = new int[n];
        Arrays.setAll(indices, i -> i);
        return indices;
    }
}
