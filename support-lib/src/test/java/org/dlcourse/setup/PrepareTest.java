package org.dlcourse.setup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.training.dataset.Dataset.Usage;
import com.sun.net.httpserver.HttpServer;
import org.dlcourse.Datasets;
import org.dlcourse.ImageSet;
import org.dlcourse.TestData;
import org.dlcourse.data.Checksums;
import org.dlcourse.data.CifarFiles;
import org.dlcourse.data.CifarStandIn;
import org.dlcourse.data.FashionMnistFiles;
import org.dlcourse.data.FrenchWords;
import org.dlcourse.data.ImageBytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The prepare step ({@code ./course data}) against a local HTTP server standing in for the CIFAR-10 site. */
class PrepareTest {

    @TempDir
    Path home;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean cutMidBody;
    private byte[] archive;
    private String archiveMd5;
    private ImageBytes train;

    @BeforeEach
    void serveASmallCifarArchive() throws IOException {
        train = TestData.randomCifar(25, 5);
        ImageBytes test = TestData.randomCifar(5, 6);
        Path staging = Files.createTempDirectory("cifar-staging");
        TestData.writeCifarFolder(staging, train, test);
        CifarWriter.writeMeta(staging, CifarFiles.CLASS_NAMES);
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(staging)) {
            for (Path file : list.sorted().toList()) {
                files.put("cifar-10-batches-bin/" + file.getFileName(), Files.readAllBytes(file));
                Files.delete(file);
            }
        }
        Files.delete(staging);
        archive = TestData.tarGz(files);
        archiveMd5 = Checksums.digest(new ByteArrayInputStream(archive), "MD5");

        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/cifar-10-binary.tar.gz", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, archive.length);
            OutputStream body = exchange.getResponseBody();
            if (cutMidBody) {
                body.write(archive, 0, archive.length / 2);
                body.flush();
                throw new IOException("cut"); // the server then drops the connection mid-body
            }
            body.write(archive);
            body.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private Prepare.Options options(String... extra) {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/cifar-10-binary.tar.gz";
        String[] args = Stream.concat(Stream.of("--cifar-url", url, "--cifar-md5", archiveMd5), Arrays.stream(extra))
                .toArray(String[]::new);
        return Prepare.Options.parse(args);
    }

    @Test
    void cifarIsDownloadedCheckedAndUnpackedIntoPlace() throws IOException {
        assertTrue(Prepare.prepareCifar(home, options(), TestData.SILENT));
        ImageSet set = Datasets.cifar10().optHome(home).optUsage(Usage.TRAIN).build();
        assertEquals(25, set.size());
        assertArrayEquals(Arrays.copyOfRange(train.pixels, 24 * 3072, 25 * 3072), set.pixels(24));
        assertOnly(home, CifarFiles.FOLDER);
    }

    @Test
    void aSecondRunSkipsWhatIsVerified() throws IOException {
        Prepare.prepareCifar(home, options(), TestData.SILENT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(Prepare.prepareCifar(home, options(), new PrintStream(out, true, StandardCharsets.UTF_8)));
        assertEquals(1, requests.get(), "the second run must not download again");
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("ready"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aWrongChecksumFailsAndLeavesNoFile() {
        Prepare.Options wrong = options("--cifar-md5", "0123456789abcdef0123456789abcdef");
        Prepare.Failure failure = assertThrows(Prepare.Failure.class, () -> Prepare.prepareCifar(home, wrong, TestData.SILENT));
        assertTrue(failure.getMessage().contains("checksum mismatch"), failure.getMessage());
        assertOnly(home);
    }

    @Test
    void anInterruptedTransferLeavesNothingThatLooksValid() throws IOException {
        cutMidBody = true;
        Prepare.Failure failure = assertThrows(Prepare.Failure.class,
                () -> Prepare.prepareCifar(home, options("--require-cifar"), TestData.SILENT));
        assertTrue(failure.getMessage().contains("CIFAR-10 download failed"), failure.getMessage());
        assertOnly(home);
    }

    @Test
    void offlineTheDefaultRunSucceedsAndUsesTheStandIn() throws IOException {
        Path fashion = TestData.preparedHome().resolve(FashionMnistFiles.FOLDER);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Prepare.run(new String[] {"--data", home.toString(), "--fashion-dir", fashion.toString(),
                "--cifar-url", "http://127.0.0.1:" + closedPort() + "/cifar-10-binary.tar.gz"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("the notebooks use the CIFAR-10 stand-in"),
                out.toString(StandardCharsets.UTF_8));

        ImageSet standIn = Datasets.cifar10OrStandIn().optHome(home).optUsage(Usage.TEST).optLimit(20).build();
        assertTrue(standIn.isStandIn());
        assertEquals("CIFAR-10 stand-in (Fashion-MNIST)", standIn.name());
        assertEquals(FashionMnistFiles.CLASS_NAMES, standIn.classNames());
        ImageSet fashion20 = Datasets.fashionMnistAsCifar().optHome(home).optUsage(Usage.TEST).optLimit(20).build();
        for (int i = 0; i < 20; i++) {
            assertArrayEquals(fashion20.pixels(i), standIn.pixels(i), "stand-in image " + i);
            assertEquals(fashion20.label(i), standIn.label(i));
        }
        assertEquals(50_000, Datasets.cifar10OrStandIn().optHome(home).optUsage(Usage.TRAIN).build().size());

        // back online: the failure was remembered, so a plain run does not try; --cifar10 does, and the real
        // data replaces the stand-in
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/cifar-10-binary.tar.gz";
        out.reset();
        assertEquals(0, Prepare.run(new String[] {"--data", home.toString(), "--fashion-dir", fashion.toString(),
                "--cifar-url", url, "--cifar-md5", archiveMd5}, new PrintStream(out, true, StandardCharsets.UTF_8),
                TestData.SILENT));
        assertEquals(0, requests.get(), "a download that failed once is not retried unless asked");
        String said = out.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("CIFAR-10: not downloaded (the download failed on ") && said.contains("--cifar10"), said);
        assertEquals(1, said.lines().filter(line -> line.startsWith("CIFAR-10:")).count(), said);
        assertEquals(0, Prepare.run(new String[] {"--data", home.toString(), "--fashion-dir", fashion.toString(),
                "--cifar-url", url, "--cifar-md5", archiveMd5, "--cifar10"}, TestData.SILENT, TestData.SILENT));
        assertEquals(1, requests.get());
        assertFalse(Datasets.cifar10OrStandIn().optHome(home).optUsage(Usage.TEST).build().isStandIn());
        assertOnly(home, CifarFiles.FOLDER, FashionMnistFiles.FOLDER);
    }

    @Test
    void requiredCifarWithoutNetworkExitsNonZeroWithOneLine() throws IOException {
        Path fashion = TestData.preparedHome().resolve(FashionMnistFiles.FOLDER);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Prepare.run(new String[] {"--data", home.toString(), "--fashion-dir", fashion.toString(),
                "--require-cifar", "--cifar-url", "http://127.0.0.1:" + closedPort() + "/x.tar.gz"},
                TestData.SILENT, new PrintStream(err, true, StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, exit);
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.contains("connect to the internet and rerun ./course data"), message);
        assertFalse(Files.exists(home.resolve(CifarStandIn.FOLDER)));
    }

    @Test
    void fashionMnistThatIsNotTheOfficialDataIsRefused(@TempDir Path fake) throws IOException {
        Path real = TestData.debianFashionMnist();
        for (FashionMnistFiles.Known file : FashionMnistFiles.ALL) {
            Files.copy(real.resolve(file.name()), fake.resolve(file.name()));
        }
        Files.copy(real.resolve("t10k-labels-idx1-ubyte.gz"), fake.resolve("train-labels-idx1-ubyte.gz"),
                StandardCopyOption.REPLACE_EXISTING);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Prepare.run(new String[] {"--data", home.toString(), "--fashion-dir", fake.toString(), "--skip-cifar"},
                TestData.SILENT, new PrintStream(err, true, StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, exit);
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.contains("train-labels-idx1-ubyte.gz") && message.contains("official"), message);
        assertOnly(home);
    }

    @Test
    void wrongArgumentsExitWith2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, Prepare.run(new String[] {"--skip-cifar", "--require-cifar"}, TestData.SILENT,
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertEquals(2, Prepare.run(new String[] {"--cifar-url"}, TestData.SILENT, TestData.SILENT));
        assertEquals(2, Prepare.run(new String[] {"--colour"}, TestData.SILENT, TestData.SILENT));
        assertEquals(2, Prepare.run(new String[] {"--skip-cifar", "--cifar10"}, TestData.SILENT, TestData.SILENT));
    }

    @Test
    void anEditedClassNameInCifarIsRewrittenWithoutDownloadingAgain() throws IOException {
        Prepare.prepareCifar(home, options(), TestData.SILENT);
        Path meta = home.resolve(CifarFiles.FOLDER).resolve(CifarFiles.META);
        Files.writeString(meta, Files.readString(meta).replace("cat", "kitten"));
        assertTrue(Prepare.prepareCifar(home, options(), TestData.SILENT));
        assertEquals(1, requests.get(), "the class names are known: no second download");
        assertEquals(CifarFiles.CLASS_NAMES, Datasets.cifar10().optHome(home).optUsage(Usage.TEST).build().classNames());
    }

    @Test
    void aFailedFileOperationIsReportedAsTheSystemSaidItNotGuessed() {
        assertEquals("/data/fashion-mnist.part: permission denied",
                Prepare.ioProblem(new AccessDeniedException("/data/fashion-mnist.part")));
        assertEquals("/data/x: No space left on device",
                Prepare.ioProblem(new FileSystemException("/data/x", null, "No space left on device")));
        assertEquals("/data/a.part -> /data/a: no such file or folder",
                Prepare.ioProblem(new UncheckedIOException(new NoSuchFileException("/data/a.part", "/data/a", null))));
    }

    /**
     * Two runs at once on a corrupted copy, as two terminals would start them: each waits for the lock (held
     * here first, so both must wait, whatever the timing), says so once, and both end with the data ready.
     */
    @Test
    void twoRunsAtOnceTakeTurnsAndBothSucceed() throws Exception {
        Path prepared = TestData.preparedHome();
        Path fashion = home.resolve(FashionMnistFiles.FOLDER);
        copyTree(prepared.resolve(FashionMnistFiles.FOLDER), fashion);
        Path images = fashion.resolve("train-images-idx3-ubyte.gz");
        byte[] bytes = Files.readAllBytes(images);
        bytes[bytes.length / 2] ^= 1;
        Files.write(images, bytes);

        List<Process> runs = new ArrayList<>();
        List<BufferedReader> outputs = new ArrayList<>();
        try (FileChannel held = Prepare.lock(home, TestData.SILENT)) {
            for (int i = 0; i < 2; i++) {
                ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), Prepare.class.getName(),
                        "--fashion-dir", prepared.resolve(FashionMnistFiles.FOLDER).toString(), "--skip-cifar");
                builder.environment().put("COURSE_DATA", home.toString());
                builder.redirectErrorStream(true);
                Process run = builder.start();
                runs.add(run);
                outputs.add(new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8)));
                assertTrue(saysItWaits(outputs.get(i)), "run " + i + " did not wait for the lock");
            }
        }
        for (int i = 0; i < 2; i++) {
            String rest = outputs.get(i).lines().collect(Collectors.joining("\n"));
            assertEquals(0, runs.get(i).waitFor(), rest);
            assertFalse(rest.contains("waiting"), "said once only: " + rest);
        }
        assertTrue(Checksums.verified(fashion, FashionMnistFiles.ALL.stream().map(FashionMnistFiles.Known::name).toList()));
        assertTrue(Checksums.verified(home.resolve(CifarStandIn.FOLDER), CifarStandIn.files()));
    }

    /** Reads a run's output up to the line saying it waits; false if the run ended without it. */
    private static boolean saysItWaits(BufferedReader output) throws IOException {
        for (String line; (line = output.readLine()) != null; ) {
            if (line.equals("another ./course data is running; waiting")) {
                return true;
            }
        }
        return false;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

    /** A port nothing listens on: connecting to it fails at once, as without network. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The folder holds exactly these entries: no archive, no .part file, no half-unpacked folder. */
    private static void assertOnly(Path dir, String... names) {
        try (Stream<Path> list = Files.list(dir)) {
            assertEquals(Arrays.asList(names), list.map(p -> p.getFileName().toString())
                    .filter(name -> !name.equals(Prepare.LOCK))
                    .filter(name -> !name.equals(FrenchWords.FOLDER))   // copied whenever wfrench is installed: FrenchWordsTest
                    .sorted().toList());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
