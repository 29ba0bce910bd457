package org.dlcourse.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checksums of data files, and the {@code SHA256SUMS} file that marks a prepared folder.
 *
 * <p>{@code ./course data} writes {@code SHA256SUMS} last, after every file of the folder has been
 * verified; so a folder without it is unfinished, and a file that no longer matches it is corrupt.
 * The format is the one {@code sha256sum -c} reads, so anyone can check the data by hand.
 */
public final class Checksums {

    /** The marker file of a prepared folder. */
    public static final String SUMS = "SHA256SUMS";

    private Checksums() {}

    /** The hex SHA-256 of a file. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return digest(in, "SHA-256");
        }
    }

    /** The hex digest ({@code "SHA-256"}, {@code "MD5"}) of everything left in a stream. */
    public static String digest(InputStream in, String algorithm) throws IOException {
        MessageDigest md = newDigest(algorithm);
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
            md.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    public static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("Unknown digest " + algorithm + ": use SHA-256 or MD5", e);
        }
    }

    /** Writes {@code SHA256SUMS} for these files of {@code dir}, atomically (temp file, then rename). */
    public static void writeSums(Path dir, List<String> fileNames) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String name : fileNames) {
            text.append(sha256(dir.resolve(name))).append("  ").append(name).append('\n');
        }
        Path temp = dir.resolve(SUMS + ".part");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, dir.resolve(SUMS), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** File name to checksum, as listed in {@code dir/SHA256SUMS}; empty if the folder is unfinished. */
    public static Map<String, String> readSums(Path dir) throws IOException {
        Map<String, String> sums = new LinkedHashMap<>();
        Path file = dir.resolve(SUMS);
        if (!Files.isRegularFile(file)) {
            return sums;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] parts = line.trim().split("\\s+\\*?", 2);
            if (parts.length == 2) {
                sums.put(parts[1], parts[0].toLowerCase());
            }
        }
        return sums;
    }

    /**
     * The files of {@code wanted} that are missing from {@code dir} or do not match its
     * {@code SHA256SUMS}; all of them when the folder was never finished. Empty means verified.
     */
    public static List<String> mismatches(Path dir, List<String> wanted) {
        try {
            Map<String, String> sums = readSums(dir);
            List<String> bad = new ArrayList<>();
            for (String name : wanted) {
                Path file = dir.resolve(name);
                String expected = sums.get(name);
                if (expected == null || !Files.isRegularFile(file) || !expected.equals(sha256(file))) {
                    bad.add(name);
                }
            }
            return bad;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + dir + ": " + e.getMessage(), e);
        }
    }

    /** True if {@code dir/SHA256SUMS} lists this file. */
    public static boolean lists(Path dir, String name) {
        try {
            return readSums(dir).containsKey(name);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + dir.resolve(SUMS) + ": " + e.getMessage(), e);
        }
    }

    /** True if every wanted file is present and matches {@code SHA256SUMS}. */
    public static boolean verified(Path dir, List<String> wanted) {
        return Files.isDirectory(dir) && mismatches(dir, wanted).isEmpty();
    }

    /**
     * Checks the files a loader is about to read, so corrupt data stops the notebook before any
     * training starts, with the command that repairs it.
     */
    public static void requireVerified(Path dir, List<String> wanted, String what) {
        if (!Files.isRegularFile(dir.resolve(SUMS))) {
            throw new IllegalStateException(what + " is not prepared (no " + dir.resolve(SUMS)
                    + "): run ./course data to prepare it.");
        }
        List<String> bad = mismatches(dir, wanted);
        if (!bad.isEmpty()) {
            throw new IllegalStateException(dir.resolve(bad.get(0)) + " is missing or does not match its checksum"
                    + " in " + SUMS + " (corrupt or changed): run ./course data to prepare " + what + " again.");
        }
    }
}
