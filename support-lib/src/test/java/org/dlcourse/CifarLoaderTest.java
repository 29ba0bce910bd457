package org.dlcourse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset.Usage;
import ai.djl.training.dataset.Record;
import org.dlcourse.data.Checksums;
import org.dlcourse.data.CifarFiles;
import org.dlcourse.data.CifarStandIn;
import org.dlcourse.data.FashionMnistFiles;
import org.dlcourse.data.ImageBytes;
import org.dlcourse.setup.CifarWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CIFAR-10 loader, on CIFAR-format files the tests write. */
class CifarLoaderTest {

    @TempDir
    Path home;

    /** A prepared CIFAR-10 folder in {@code home}: 35 training images in 5 files, 11 test images. */
    private ImageBytes[] writePrepared(String folder) throws IOException {
        return writePrepared(folder, null);
    }

    /** The same, with a {@code batches.meta.txt} of these class names listed in its SHA256SUMS (none if null). */
    private ImageBytes[] writePrepared(String folder, List<String> classNames) throws IOException {
        ImageBytes train = TestData.randomCifar(35, 1);
        ImageBytes test = TestData.randomCifar(11, 2);
        Path dir = home.resolve(folder);
        List<String> names = new ArrayList<>(TestData.writeCifarFolder(dir, train, test));
        if (classNames != null) {
            CifarWriter.writeMeta(dir, classNames);
            names.add(CifarFiles.META);
        }
        Checksums.writeSums(dir, names);
        return new ImageBytes[] {train, test};
    }

    @Test
    void anEditedClassNameIsCaughtByTheChecksumNamingTheFileAndTheFix() throws IOException {
        writePrepared(CifarFiles.FOLDER, CifarFiles.CLASS_NAMES);
        Path meta = home.resolve(CifarFiles.FOLDER).resolve(CifarFiles.META);
        Files.writeString(meta, Files.readString(meta).replace("horse", "pony"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Datasets.cifar10().optHome(home).optUsage(Usage.TEST).build());
        assertTrue(e.getMessage().startsWith(meta.toString()) && e.getMessage().contains("run ./course data"), e.getMessage());
    }

    @Test
    void aClassNamesFileAddedAfterPreparationIsNotTrusted() throws IOException {
        writePrepared(CifarFiles.FOLDER);
        CifarWriter.writeMeta(home.resolve(CifarFiles.FOLDER), List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Datasets.cifar10().optHome(home).optUsage(Usage.TRAIN).build());
        assertTrue(e.getMessage().contains(CifarFiles.META), e.getMessage());
    }

    @Test
    void pixelsAndLabelsRoundTripExactly() throws IOException {
        ImageBytes[] written = writePrepared(CifarFiles.FOLDER);
        ImageSet train = Datasets.cifar10().optHome(home).optUsage(Usage.TRAIN).build();
        ImageSet test = Datasets.cifar10().optHome(home).optUsage(Usage.TEST).build();
        assertEquals(35, train.size());
        assertEquals(11, test.size());
        for (int i = 0; i < 35; i++) {
            assertArrayEquals(Arrays.copyOfRange(written[0].pixels, i * 3072, (i + 1) * 3072), train.pixels(i));
            assertEquals(written[0].label(i), train.label(i));
        }
        for (int i = 0; i < 11; i++) {
            assertArrayEquals(Arrays.copyOfRange(written[1].pixels, i * 3072, (i + 1) * 3072), test.pixels(i));
            assertEquals(written[1].label(i), test.label(i));
        }
        assertEquals("CIFAR-10", train.name());
        assertFalse(train.isStandIn());
        assertEquals(CifarFiles.CLASS_NAMES, train.classNames());
    }

    @Test
    void aLimitReadsTheFirstImagesAcrossBatchFiles() throws IOException {
        ImageBytes[] written = writePrepared(CifarFiles.FOLDER);
        ImageSet first10 = Datasets.cifar10().optHome(home).optUsage(Usage.TRAIN).optLimit(10).build(); // file 1 has 7
        assertEquals(10, first10.size());
        assertArrayEquals(Arrays.copyOfRange(written[0].pixels, 9 * 3072, 10 * 3072), first10.pixels(9));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Datasets.cifar10().optHome(home).optUsage(Usage.TRAIN).optLimit(36).build());
        assertTrue(e.getMessage().contains("1..35"), e.getMessage());
    }

    @Test
    void eachRecordIsALabelThenRedGreenBluePlanes() throws IOException {
        byte[] record = new byte[CifarFiles.RECORD];
        record[0] = 7;
        Arrays.fill(record, 1, 1 + 1024, (byte) 10);           // red plane
        Arrays.fill(record, 1 + 1024, 1 + 2048, (byte) 20);    // green plane
        Arrays.fill(record, 1 + 2048, 1 + 3072, (byte) 30);    // blue plane
        record[1 + 1 * 32 + 2] = (byte) 200;                   // red at row 1, column 2
        Path dir = home.resolve(CifarFiles.FOLDER);
        Files.createDirectories(dir);
        List<String> names = CifarFiles.files(Usage.TRAIN);
        for (String name : names) {
            Files.write(dir.resolve(name), record);
        }
        Files.write(dir.resolve("test_batch.bin"), record);
        Checksums.writeSums(dir, List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
                "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"));

        ImageSet set = Datasets.cifar10().optHome(home).optUsage(Usage.TEST).build();
        assertEquals(7, set.label(0));
        assertEquals("horse", set.className(set.label(0)));
        try (NDManager manager = NDManager.newBaseManager()) {
            Record r = set.get(manager, 0);
            NDArray image = r.getData().singletonOrThrow();
            assertEquals(new Shape(3, 32, 32), image.getShape());
            assertEquals(200 / 255f, image.getFloat(0, 1, 2), 1e-6);
            assertEquals(10 / 255f, image.getFloat(0, 0, 0), 1e-6);
            assertEquals(20 / 255f, image.getFloat(1, 1, 2), 1e-6);
            assertEquals(30 / 255f, image.getFloat(2, 31, 31), 1e-6);
            assertEquals(7f, r.getLabels().singletonOrThrow().getFloat());
        }
        int rgb = set.image(0).getRGB(2, 1);
        assertEquals(200, (rgb >> 16) & 0xFF);
        assertEquals(20, (rgb >> 8) & 0xFF);
        assertEquals(30, rgb & 0xFF);
    }

    @Test
    void aTruncatedFileIsRejectedNamingIt() throws IOException {
        writePrepared(CifarFiles.FOLDER);
        Path file = home.resolve(CifarFiles.FOLDER).resolve("data_batch_3.bin");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 100));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Datasets.cifar10().optHome(home).optUsage(Usage.TRAIN).build());
        assertTrue(e.getMessage().contains("data_batch_3.bin"), e.getMessage());
        // without the checksum file's help, the format check still catches it
        e = assertThrows(IllegalStateException.class, () -> CifarFiles.count(home.resolve(CifarFiles.FOLDER), Usage.TRAIN));
        assertTrue(e.getMessage().contains("data_batch_3.bin") && e.getMessage().contains("3073"), e.getMessage());
    }

    @Test
    void aChangedPixelIsCaughtByTheChecksum() throws IOException {
        writePrepared(CifarFiles.FOLDER);
        Path file = home.resolve(CifarFiles.FOLDER).resolve("test_batch.bin");
        byte[] bytes = Files.readAllBytes(file);
        bytes[500] ^= 1;
        Files.write(file, bytes);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Datasets.cifar10().optHome(home).optUsage(Usage.TEST).build());
        assertTrue(e.getMessage().contains("test_batch.bin") && e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void aLabelOutsideTheClassesIsAFormatError() throws IOException {
        Path dir = home.resolve("bad");
        TestData.writeCifarFolder(dir, TestData.randomCifar(10, 3), TestData.randomCifar(2, 4));
        byte[] bytes = Files.readAllBytes(dir.resolve("test_batch.bin"));
        bytes[CifarFiles.RECORD] = 12; // label of the second record
        Files.write(dir.resolve("test_batch.bin"), bytes);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CifarFiles.read(dir, Usage.TEST, 2,
                "test", CifarFiles.CLASS_NAMES, CifarFiles.MEAN, CifarFiles.STD));
        assertTrue(e.getMessage().contains("test_batch.bin") && e.getMessage().contains("label 12"), e.getMessage());
    }

    @Test
    void missingCifarNamesTheCommandAndTheStandIn() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Datasets.cifar10().optHome(home).optUsage(Usage.TRAIN).build());
        assertTrue(e.getMessage().contains("./course data") && e.getMessage().contains("cifar10OrStandIn"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> Datasets.cifar10OrStandIn().optHome(home).optUsage(Usage.TRAIN).build());
        assertTrue(e.getMessage().contains("./course data"), e.getMessage());
    }

    @Test
    void cifar10OrStandInPrefersTheRealData() throws IOException {
        writePrepared(CifarStandIn.FOLDER, FashionMnistFiles.CLASS_NAMES);
        ImageSet standIn = Datasets.cifar10OrStandIn().optHome(home).optUsage(Usage.TEST).build();
        assertTrue(standIn.isStandIn());
        assertEquals("CIFAR-10 stand-in (Fashion-MNIST)", standIn.name());
        assertEquals(FashionMnistFiles.CLASS_NAMES, standIn.classNames());

        writePrepared(CifarFiles.FOLDER);
        ImageSet real = Datasets.cifar10OrStandIn().optHome(home).optUsage(Usage.TEST).build();
        assertFalse(real.isStandIn());
        assertEquals("CIFAR-10", real.name());
    }

    @Test
    void augmentationOnlyFlipsAndShiftsByUpTo4Pixels() throws Exception {
        writePrepared(CifarFiles.FOLDER);
        ImageSet plain = Datasets.cifar10().optHome(home).optUsage(Usage.TEST).build();
        ImageSet augmented = Datasets.cifar10().optHome(home).optUsage(Usage.TEST).optAugment(true).setSampling(11, false).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] original = plain.images(manager, 0).toFloatArray();
            Set<String> variantsSeen = new HashSet<>();
            for (int draw = 0; draw < 30; draw++) {
                Batch batch = augmented.getData(manager).iterator().next();
                float[] image = batch.getData().singletonOrThrow().get(0).toFloatArray();
                batch.close();
                String variant = findVariant(original, image);
                assertTrue(variant != null, "draw " + draw + " is not a flipped/shifted copy of the image");
                variantsSeen.add(variant);
            }
            assertTrue(variantsSeen.size() > 5, "augmentation should vary: " + variantsSeen);
            assertArrayEquals(original, augmented.images(manager, 0).toFloatArray(), "images() never augments");
        }
    }

    /** Which flip and shift turn {@code original} into {@code image}, or null if none does. */
    private static String findVariant(float[] original, float[] image) {
        for (int flip = 0; flip < 2; flip++) {
            for (int dy = -4; dy <= 4; dy++) {
                for (int dx = -4; dx <= 4; dx++) {
                    boolean same = true;
                    for (int c = 0; c < 3 && same; c++) {
                        for (int y = 0; y < 32 && same; y++) {
                            for (int x = 0; x < 32 && same; x++) {
                                int sy = y + dy;
                                int sx = (flip == 1 ? 31 - x : x) + dx;
                                float expected = sy < 0 || sy > 31 || sx < 0 || sx > 31 ? 0 : original[(c * 32 + sy) * 32 + sx];
                                same = expected == image[(c * 32 + y) * 32 + x];
                            }
                        }
                    }
                    if (same) {
                        return flip + "/" + dy + "/" + dx;
                    }
                }
            }
        }
        return null;
    }
}
