package org.dlcourse.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Downloads a file so that it is either complete and verified, or not there at all: the bytes go
 * to {@code <name>.part} in the target's own folder while their digest is computed, and only a
 * file whose digest matches is renamed to its final name (a rename within a folder is atomic).
 * An interrupted or wrong download leaves nothing that looks like the real file.
 */
public final class Download {

    /** A download whose bytes are not the expected ones (wrong file, corrupted transfer, captive portal). */
    public static final class ChecksumException extends IOException {
        ChecksumException(String message) {
            super(message);
        }
    }

    /** How long to wait for a connection, and for the next bytes of a stalled transfer. */
    private static final int TIMEOUT_MILLIS = 30_000;

    private Download() {}

    /**
     * Fetches {@code url} to {@code target}, checking the {@code algorithm} ("MD5", "SHA-256")
     * digest against {@code expectedHex}. Prints a line of progress to {@code progress} (may be null).
     */
    public static void fetch(URI url, Path target, String algorithm, String expectedHex, PrintStream progress)
            throws IOException {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        try {
            String actual = transfer(url, part, algorithm, progress);
            if (!actual.equalsIgnoreCase(expectedHex)) {
                throw new ChecksumException("checksum mismatch for " + url + ": " + algorithm + " " + actual
                        + ", expected " + expectedHex);
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /**
     * Streams the body into {@code part} and returns its digest; fails on any HTTP status but 200,
     * on a transfer that stalls for {@link #TIMEOUT_MILLIS}, and on one shorter than announced.
     * A {@code file:} URL works too: a copy fetched on another machine is checked the same way.
     */
    private static String transfer(URI url, Path part, String algorithm, PrintStream progress) throws IOException {
        URLConnection connection = url.toURL().openConnection();
        connection.setConnectTimeout(TIMEOUT_MILLIS);
        connection.setReadTimeout(TIMEOUT_MILLIS);
        try {
            if (connection instanceof HttpURLConnection http && http.getResponseCode() != HttpURLConnection.HTTP_OK) {
                throw new IOException("HTTP " + http.getResponseCode() + " from " + url);
            }
            long total = connection.getContentLengthLong();
            MessageDigest digest = Checksums.newDigest(algorithm);
            long received;
            try (InputStream body = connection.getInputStream()) {
                received = copy(body, part, digest, total, progress);
            }
            if (total >= 0 && received != total) {
                throw new IOException("transfer from " + url + " ended after " + received + " of " + total + " bytes");
            }
            return HexFormat.of().formatHex(digest.digest());
        } finally {
            if (connection instanceof HttpURLConnection http) {
                http.disconnect();
            }
        }
    }

    private static long copy(InputStream in, Path part, MessageDigest digest, long total, PrintStream progress)
            throws IOException {
        byte[] buffer = new byte[1 << 16];
        long received = 0;
        int shownTenths = 0;
        try (OutputStream out = Files.newOutputStream(part)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                digest.update(buffer, 0, n);
                received += n;
                if (progress != null && total > 0 && received * 10 / total > shownTenths) {
                    shownTenths = (int) (received * 10 / total);
                    progress.print(" " + shownTenths * 10 + "%");
                    progress.flush();
                }
            }
        }
        if (progress != null && shownTenths > 0) {
            progress.println();
        }
        return received;
    }
}
