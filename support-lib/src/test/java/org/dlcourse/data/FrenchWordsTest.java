package org.dlcourse.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.dlcourse.setup.PrepareFrenchWords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The French word list: the loader reads only a verified copy; the prepare step copies wfrench's or says what to do. */
class FrenchWordsTest {

    @TempDir
    Path home;

    @Test
    void readsTheWordsOfAVerifiedFolderSkippingBlankLines() throws IOException {
        Path dir = Files.createDirectories(home.resolve(FrenchWords.FOLDER));
        Files.writeString(dir.resolve(FrenchWords.FILE), "a\nà\nabaissé\n\nzoé\n", StandardCharsets.UTF_8);
        Checksums.writeSums(dir, List.of(FrenchWords.FILE));
        assertEquals(List.of("a", "à", "abaissé", "zoé"), FrenchWords.read(home));
    }

    @Test
    void aMissingFolderSaysToInstallWfrench() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FrenchWords.read(home));
        assertEquals(FrenchWords.MISSING, e.getMessage());
    }

    @Test
    void aChangedFileIsRefused() throws IOException {
        Path dir = Files.createDirectories(home.resolve(FrenchWords.FOLDER));
        Files.writeString(dir.resolve(FrenchWords.FILE), "chat\n");
        Checksums.writeSums(dir, List.of(FrenchWords.FILE));
        Files.writeString(dir.resolve(FrenchWords.FILE), "chien\n");
        assertThrows(IllegalStateException.class, () -> FrenchWords.read(home));
    }

    @Test
    void prepareWithoutThePackageSaysOneSentenceAndWritesNothing() throws IOException {
        String said = PrepareFrenchWords.run(home, home.resolve("no-such-file"));
        assertTrue(said.contains("install the Debian package wfrench"), said);
        assertFalse(Files.exists(home.resolve(FrenchWords.FOLDER)));
    }

    @Test
    void prepareRefusesAListWithAnotherChecksum() throws IOException {
        Path other = Files.writeString(home.resolve("other"), "chat\nchien\n");
        String said = PrepareFrenchWords.run(home, other);
        assertTrue(said.contains("--reinstall wfrench"), said);
        assertFalse(Files.exists(home.resolve(FrenchWords.FOLDER)));
    }

    @Test
    void prepareCopiesDebiansListThenFindsItReady() throws IOException {
        assumeTrue(Files.isRegularFile(FrenchWords.DEBIAN_FILE), "wfrench is not installed here");
        assertTrue(PrepareFrenchWords.run(home, FrenchWords.DEBIAN_FILE).contains("SHA-256 verified"));
        List<String> words = FrenchWords.read(home);
        assertTrue(words.size() == 346_205 || words.size() == 346_244, words.size() + " words");   // Debian 12 or 13
        assertTrue(words.contains("abaissé"));
        assertTrue(PrepareFrenchWords.run(home, FrenchWords.DEBIAN_FILE).contains("checksums verified"));
    }
}
