package org.dlcourse.setup;

import ai.djl.training.dataset.Dataset.Usage;
import ai.djl.util.TarUtils;
import org.dlcourse.data.Checksums;
import org.dlcourse.data.CifarFiles;
import org.dlcourse.data.CifarStandIn;
import org.dlcourse.data.Download;
import org.dlcourse.data.FashionMnistFiles;
import org.dlcourse.data.FrenchWords;
import org.dlcourse.data.PreparedData;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * {@code ./course data}: puts the image data sets into {@link PreparedData#home()}, verified, once.
 *
 * <pre>
 * java -cp support-lib/target/course-support.jar org.dlcourse.setup.Prepare [--skip-cifar | --require-cifar | --cifar10] [--cifar-url URL]
 * </pre>
 *
 * <ul>
 *   <li>Fashion-MNIST is required: copied from Debian's {@code dataset-fashion-mnist} package (or
 *       downloaded from its authors), checked against the known SHA-256 of its content.
 *   <li>CIFAR-10 is downloaded if the network allows and checked against its authors' MD5. Without
 *       network the run still succeeds (so {@code ./course lab} works offline), says so, and writes
 *       the Fashion-MNIST stand-in instead; it remembers that failure ({@value #CIFAR_FAILED}) and later
 *       runs do not try again unless told ({@code --cifar10}). {@code --require-cifar} (the Docker
 *       build) makes the failure an error, {@code --skip-cifar} does not try the network at all. A
 *       download with the wrong MD5 is always an error: it is never silently replaced by the stand-in.
 * </ul>
 *
 * A run holds a lock on {@value #LOCK} in the data folder: a second run waits for the first.
 * Every folder is written as {@code <folder>.part} and renamed when complete, with a
 * {@code SHA256SUMS} inside; a verified folder is skipped, so rerunning takes a second or two. Any
 * failure ends with exit code 1 and one line on stderr saying what failed and what to do.
 */
public final class Prepare {

    /** A failure already phrased for the user: one line, what failed and what to do. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }

    /** Held while a run works on the data folder (never deleted: deleting a lock file races with its next user). */
    static final String LOCK = ".course-data.lock";
    /** Written when the CIFAR-10 download fails for want of network: later runs do not retry unless asked. */
    static final String CIFAR_FAILED = "cifar-10-download-failed.txt";
    static final String USES_STAND_IN = "the notebooks use the CIFAR-10 stand-in (Fashion-MNIST)";

    private Prepare() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the prepare step; returns the exit code (0 ready, 1 failed, 2 wrong arguments). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        try {
            Path home = options.data != null ? options.data : PreparedData.home();
            try (FileChannel lock = lock(home, out)) {
                prepareFashionMnist(home, options.fashionDir, out);
                prepareFrenchWords(home, options.frenchWords, out);
                if (prepareCifar(home, options, out)) {
                    removeStandIn(home, out);
                } else {
                    prepareStandIn(home, out);
                }
            }
            return 0;
        } catch (Failure | IllegalStateException e) {
            err.println(e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            err.println("Preparing the data failed: " + ioProblem(e) + "; fix that, then rerun ./course data.");
        }
        return 1;
    }

    /**
     * Waits until no other {@code ./course data} works on this data folder, then holds it until closed: two
     * runs at once would each rebuild the same folder under the other's feet.
     */
    static FileChannel lock(Path home, PrintStream out) throws IOException {
        Files.createDirectories(home);
        FileChannel channel = FileChannel.open(home.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (channel.tryLock() == null) {
                out.println("another ./course data is running; waiting");
                channel.lock();
            }
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** What went wrong, as the system said it: the file and the reason ("/x/y: No space left on device"). */
    static String ioProblem(Exception e) {
        Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof FileSystemException fs && fs.getFile() != null) {
            String reason = fs.getReason();
            if (reason == null) {
                reason = fs instanceof AccessDeniedException ? "permission denied"
                        : fs instanceof NoSuchFileException ? "no such file or folder"
                        : fs instanceof FileAlreadyExistsException ? "it already exists"
                        : fs.getClass().getSimpleName();
            }
            return fs.getFile() + (fs.getOtherFile() != null ? " -> " + fs.getOtherFile() : "") + ": " + reason;
        }
        return cause.getMessage() != null ? cause.getMessage() : describe(e);
    }

    /** Copies (or downloads) Fashion-MNIST into {@code home/fashion-mnist} and checks its content. */
    public static void prepareFashionMnist(Path home, Path sourceDir, PrintStream out) throws IOException {
        Path target = home.resolve(FashionMnistFiles.FOLDER);
        List<String> names = FashionMnistFiles.ALL.stream().map(FashionMnistFiles.Known::name).toList();
        if (Checksums.verified(target, names)) {
            out.println("Fashion-MNIST: ready in " + target + " (checksums verified)");
            return;
        }
        Path source = sourceDir != null ? sourceDir : FashionMnistFiles.DEBIAN_DIR;
        boolean local = names.stream().allMatch(name -> Files.isRegularFile(source.resolve(name)));
        writeFolder(target, part -> {
            for (FashionMnistFiles.Known file : FashionMnistFiles.ALL) {
                Path copy = part.resolve(file.name());
                if (local) {
                    Files.copy(source.resolve(file.name()), copy);
                } else {
                    downloadFashionMnist(source, file, copy, out);
                }
                checkContent(local ? source.resolve(file.name()) : copy, copy, file);
            }
            Checksums.writeSums(part, names);
        });
        out.println("Fashion-MNIST: ready in " + target + " (" + (local ? "copied from " + source
                : "downloaded from " + FashionMnistFiles.OFFICIAL_URL) + ", content SHA-256 verified)");
    }

    private static void downloadFashionMnist(Path missing, FashionMnistFiles.Known file, Path copy, PrintStream out) {
        URI url = URI.create(FashionMnistFiles.OFFICIAL_URL + file.name());
        out.println("Fashion-MNIST: not in " + missing + ", downloading " + url);
        try {
            Download.fetch(url, copy, "SHA-256", file.officialGzSha256(), out);
        } catch (IOException e) {
            throw new Failure("Fashion-MNIST is not in " + missing + " and its download failed (" + describe(e)
                    + "): install it with 'sudo apt-get install dataset-fashion-mnist', or connect to the internet,"
                    + " then rerun ./course data.");
        }
    }

    /** The images inside a .gz must be the official ones, whichever way the file was compressed. */
    private static void checkContent(Path origin, Path copy, FashionMnistFiles.Known file) throws IOException {
        String actual;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(copy), 1 << 16)) {
            actual = Checksums.digest(in, "SHA-256");
        } catch (IOException e) {
            actual = "unreadable: " + e.getMessage();
        }
        if (!actual.equals(file.contentSha256())) {
            throw new Failure("Fashion-MNIST: " + origin + " does not hold the official data (SHA-256 of its content "
                    + actual + ", expected " + file.contentSha256() + "): reinstall it with 'sudo apt-get install"
                    + " --reinstall dataset-fashion-mnist', then rerun ./course data.");
        }
    }

    /**
     * Copies the French word list of Debian's {@code wfrench} into {@code home/french-words}. Optional: only
     * the text-generation notebook needs it, so a missing or different list is said in one line, not a failure.
     */
    static void prepareFrenchWords(Path home, Path source, PrintStream out) throws IOException {
        Path target = home.resolve(FrenchWords.FOLDER);
        if (Checksums.verified(target, List.of(FrenchWords.FILE))) {
            out.println("French words: ready in " + target + " (checksums verified)");
            return;
        }
        if (!Files.isRegularFile(source)) {
            out.println("French words: " + source + " is missing. " + FrenchWords.MISSING);
            return;
        }
        String actual = Checksums.sha256(source);
        if (!FrenchWords.KNOWN.containsKey(actual)) {
            out.println("French words: " + source + " is not the list of a known wfrench release (SHA-256 " + actual
                    + "): reinstall it with 'sudo apt-get install --reinstall wfrench', then rerun ./course data.");
            return;
        }
        writeFolder(target, part -> {
            Files.copy(source, part.resolve(FrenchWords.FILE));
            Checksums.writeSums(part, List.of(FrenchWords.FILE));
        });
        out.println("French words: ready in " + target + " (copied from " + source + ", SHA-256 verified)");
    }

    /**
     * Downloads and unpacks CIFAR-10 into {@code home/cifar-10-batches-bin} unless it is there
     * already. Returns false (after saying so) if it is absent and the stand-in must do.
     */
    static boolean prepareCifar(Path home, Options options, PrintStream out) throws IOException {
        Path target = home.resolve(CifarFiles.FOLDER);
        List<String> files = CifarFiles.withMeta(target, cifarFiles());
        List<String> bad = Checksums.mismatches(target, files);
        if (bad.equals(List.of(CifarFiles.META))) {
            // Only the class names changed: they are known, so they are rewritten rather than downloaded again.
            CifarWriter.writeMeta(target, CifarFiles.CLASS_NAMES);
            Checksums.writeSums(target, files);
            out.println("CIFAR-10: " + CifarFiles.META + " did not match its checksum: rewritten with CIFAR-10's class names");
            bad = List.of();
        }
        if (bad.isEmpty()) {
            out.println("CIFAR-10: ready in " + target + " (checksums verified)");
            return true;
        }
        if (options.skipCifar) {
            out.println("CIFAR-10: absent, not downloaded (--skip-cifar): the CIFAR-10 stand-in (Fashion-MNIST) will"
                    + " be used; run ./course data with internet access for the real data.");
            return false;
        }
        Path failedBefore = home.resolve(CIFAR_FAILED);
        if (Files.isRegularFile(failedBefore) && !options.retryCifar && !options.requireCifar) {
            out.println("CIFAR-10: not downloaded (the download failed on " + Files.readString(failedBefore).strip()
                    + "): " + USES_STAND_IN + "; ./course data --cifar10 tries again.");
            return false;
        }
        Path archive = home.resolve("cifar-10-binary.tar.gz");
        try {
            if (!Files.isRegularFile(archive) || !md5(archive).equalsIgnoreCase(options.cifarMd5)) {
                out.println("CIFAR-10: downloading " + options.cifarUrl + " (about 170 MB)");
                Download.fetch(options.cifarUrl, archive, "MD5", options.cifarMd5, out);
            }
        } catch (Download.ChecksumException e) {
            throw new Failure("CIFAR-10 download failed (" + e.getMessage() + "): rerun ./course data; if it fails"
                    + " again the URL does not serve the official file: check --cifar-url, or pass --skip-cifar to use"
                    + " the CIFAR stand-in.");
        } catch (IOException e) {
            String failed = "CIFAR-10 download failed (" + describe(e) + ")";
            if (options.requireCifar) {
                throw new Failure(failed + ": connect to the internet and rerun ./course data, or drop"
                        + " --require-cifar to use the CIFAR stand-in.");
            }
            Files.writeString(failedBefore, LocalDate.now() + ", " + describe(e) + "\n");
            out.println(failed + ": " + USES_STAND_IN + "; with internet, ./course data --cifar10 tries again.");
            return false;
        }
        unpackCifar(archive, target);
        Files.delete(archive);
        Files.deleteIfExists(failedBefore);
        out.println("CIFAR-10: ready in " + target + " (archive MD5 verified)");
        return true;
    }

    /** Unpacks the verified archive and moves its {@code cifar-10-batches-bin} folder into place. */
    private static void unpackCifar(Path archive, Path target) throws IOException {
        Path unpack = target.resolveSibling(target.getFileName() + ".unpack");
        deleteTree(unpack);
        try {
            try (InputStream in = Files.newInputStream(archive)) {
                TarUtils.untar(in, unpack, true);
            }
            Path folder = unpack.resolve(CifarFiles.FOLDER);
            CifarFiles.count(folder, Usage.TRAIN); // checks every batch file is there and whole
            CifarFiles.count(folder, Usage.TEST);
            List<String> names = cifarFiles();
            if (Files.isRegularFile(folder.resolve(CifarFiles.META))) {
                names.add(CifarFiles.META);
            }
            Checksums.writeSums(folder, names);
            deleteTree(target);
            Files.move(folder, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(unpack);
        }
    }

    /** Writes the CIFAR-format stand-in from the prepared Fashion-MNIST, unless it is there already. */
    static void prepareStandIn(Path home, PrintStream out) throws IOException {
        Path target = home.resolve(CifarStandIn.FOLDER);
        if (!Checksums.verified(target, CifarStandIn.files())) {
            writeFolder(target, part -> CifarWriter.writeStandIn(home.resolve(FashionMnistFiles.FOLDER), part));
        }
        out.println("CIFAR-10 stand-in: ready in " + target + " (Fashion-MNIST images in CIFAR-10's format;"
                + " notebooks label it \"" + CifarStandIn.NAME + "\")");
    }

    /** An exception in a few words, with its root cause (a refused connection, an unknown host...). */
    static String describe(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        if (root != e) {
            text += ", caused by " + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        }
        return text;
    }

    /** Once the real CIFAR-10 is there, its stand-in is never used: free its 176 MB. */
    private static void removeStandIn(Path home, PrintStream out) throws IOException {
        Path standIn = home.resolve(CifarStandIn.FOLDER);
        if (Files.exists(standIn)) {
            deleteTree(standIn);
            out.println("CIFAR-10 stand-in: removed (the real CIFAR-10 is ready)");
        }
    }

    private static List<String> cifarFiles() {
        List<String> names = new ArrayList<>(CifarFiles.files(Usage.TRAIN));
        names.addAll(CifarFiles.files(Usage.TEST));
        return names;
    }

    private static String md5(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Checksums.digest(in, "MD5");
        }
    }

    /** Fills a folder in {@code <target>.part}, then swaps it in: a half-written folder never has the final name. */
    private static void writeFolder(Path target, FolderWriter writer) throws IOException {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        deleteTree(part);
        Files.createDirectories(part);
        try {
            writer.write(part);
            deleteTree(target);
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(part);
        }
    }

    private interface FolderWriter {
        void write(Path folder) throws IOException;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The command line. */
    static final class Options {
        boolean skipCifar;
        boolean requireCifar;
        boolean retryCifar;
        URI cifarUrl = URI.create(CifarFiles.URL);
        String cifarMd5 = CifarFiles.MD5;
        Path data;
        Path fashionDir;
        Path frenchWords = FrenchWords.DEBIAN_FILE;

        static Options parse(String... args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--skip-cifar" -> o.skipCifar = true;
                    case "--require-cifar" -> o.requireCifar = true;
                    case "--cifar10" -> o.retryCifar = true;
                    case "--cifar-url" -> o.cifarUrl = URI.create(value(args, ++i));
                    case "--cifar-md5" -> o.cifarMd5 = value(args, ++i);
                    case "--data" -> o.data = Path.of(value(args, ++i));
                    case "--fashion-dir" -> o.fashionDir = Path.of(value(args, ++i));
                    case "--french-words" -> o.frenchWords = Path.of(value(args, ++i));
                    default -> throw new IllegalArgumentException("Unknown argument " + args[i] + ". " + USAGE);
                }
            }
            if (o.skipCifar && (o.requireCifar || o.retryCifar)) {
                throw new IllegalArgumentException("--skip-cifar and " + (o.requireCifar ? "--require-cifar" : "--cifar10")
                        + " contradict each other. " + USAGE);
            }
            return o;
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value. " + USAGE);
            }
            return args[i];
        }

        static final String USAGE = "Usage: Prepare [--skip-cifar | --require-cifar | --cifar10] [--cifar-url URL]"
                + " [--cifar-md5 HEX] [--data DIR] [--fashion-dir DIR] [--french-words FILE]";
    }
}
