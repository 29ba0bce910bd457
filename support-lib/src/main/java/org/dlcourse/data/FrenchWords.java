package org.dlcourse.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The French word list of Debian's {@code wfrench} package ({@code /usr/share/dict/french}: one word a line,
 * UTF-8, about 346,000 lines), copied by {@code ./course data} into {@code datasets/french-words/}.
 */
public final class FrenchWords {

    public static final String FOLDER = "french-words";
    public static final String FILE = "french";
    public static final Path DEBIAN_FILE = Path.of("/usr/share/dict/french");
    /** SHA-256 of {@code /usr/share/dict/french} in the wfrench releases of README's platforms. */
    public static final Map<String, String> KNOWN = Map.of(
            "33b3a15b7c47c4b85aaafa7c8b41d3fee9c7ca1383381bb8f710372ce7474f06", "wfrench 1.2.7 (Debian 12), 346,205 words",
            "76a83fb00e3257e3e5e2cd3643f43fa6cd79b94c9b334af495ca726088d66be9", "wfrench 1.2.9 (Debian 13), 346,244 words");
    /** What to do when the list is not there: the one sentence both {@code ./course data} and the notebook say. */
    public static final String MISSING = "The French word list is not prepared: install the Debian package wfrench"
            + " (sudo apt-get install wfrench), then rerun ./course data.";

    private FrenchWords() {}

    /** The words of the prepared list, in file order, checked against its {@code SHA256SUMS}. */
    public static List<String> read(Path home) {
        Path dir = home.resolve(FOLDER);
        if (!Files.isRegularFile(dir.resolve(Checksums.SUMS))) {
            throw new IllegalStateException(MISSING);
        }
        Checksums.requireVerified(dir, List.of(FILE), "the French word list");
        try {
            return Files.readAllLines(dir.resolve(FILE), StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(word -> !word.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
