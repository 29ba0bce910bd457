package org.dlcourse;

import ai.djl.training.dataset.Dataset.Usage;
import org.dlcourse.data.CifarFiles;
import org.dlcourse.data.FashionMnistFiles;
import org.dlcourse.data.ImageBytes;
import org.dlcourse.setup.CifarWriter;
import org.dlcourse.setup.Prepare;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Data the tests share: the real Fashion-MNIST, and CIFAR-format files they write themselves. */
public final class TestData {

    public static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());

    private TestData() {}

    /** The Debian package's folder; fails (never skips) when it is not installed. */
    public static Path debianFashionMnist() {
        Path dir = FashionMnistFiles.DEBIAN_DIR;
        boolean complete = FashionMnistFiles.ALL.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f.name())));
        assertTrue(complete, "Fashion-MNIST is not installed in " + dir + ": these tests need the real data."
                + " Install it with 'sudo apt-get install dataset-fashion-mnist' (CI installs it).");
        return dir;
    }

    /** A data folder with Fashion-MNIST prepared, shared by all tests (kept in target/, verified on reuse). */
    public static synchronized Path preparedHome() throws IOException {
        Path home = Path.of("target", "test-data", "home").toAbsolutePath();
        Prepare.prepareFashionMnist(home, debianFashionMnist(), SILENT);
        return home;
    }

    /** {@code n} random 3x32x32 images with labels 0..9. */
    public static ImageBytes randomCifar(int n, long seed) {
        Random random = new Random(seed);
        byte[] pixels = new byte[n * CifarFiles.PIXELS];
        byte[] labels = new byte[n];
        random.nextBytes(pixels);
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) random.nextInt(10);
        }
        return new ImageBytes("test", CifarFiles.CLASS_NAMES, 3, 32, 32, pixels, labels, CifarFiles.MEAN, CifarFiles.STD);
    }

    /** Writes a CIFAR-format folder: the training images spread over the 5 batch files, plus the test file. */
    public static List<String> writeCifarFolder(Path dir, ImageBytes train, ImageBytes test) throws IOException {
        Files.createDirectories(dir);
        List<String> names = new ArrayList<>(CifarFiles.files(Usage.TRAIN));
        int per = train.count() / names.size();
        for (int b = 0; b < names.size(); b++) {
            int to = b == names.size() - 1 ? train.count() : (b + 1) * per;
            CifarWriter.write(dir.resolve(names.get(b)), train, b * per, to);
        }
        String testFile = CifarFiles.files(Usage.TEST).get(0);
        CifarWriter.write(dir.resolve(testFile), test, 0, test.count());
        names.add(testFile);
        return names;
    }

    /**
     * A .tar.gz holding these files (name to content), as the CIFAR-10 archive is packed. Written
     * by hand in the POSIX ustar format (a 512-byte header per file, data padded to 512 bytes, two
     * empty blocks at the end): commons-compress's writer needs commons-lang3, absent here.
     */
    public static byte[] tarGz(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                out.write(tarHeader(file.getKey(), file.getValue().length));
                out.write(file.getValue());
                out.write(new byte[(512 - file.getValue().length % 512) % 512]);
            }
            out.write(new byte[1024]);
        }
        return bytes.toByteArray();
    }

    private static byte[] tarHeader(String name, long size) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", size));
        put(header, 136, String.format("%011o", 1_262_304_000L));
        header[156] = '0'; // a regular file
        put(header, 257, "ustar");
        put(header, 263, "00");
        Arrays.fill(header, 148, 156, (byte) ' '); // the checksum counts its own field as spaces
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xFF;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        return header;
    }

    private static void put(byte[] header, int at, String text) {
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, header, at, ascii.length);
    }
}
