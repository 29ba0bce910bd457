package org.dlcourse.setup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Test access to {@link Prepare#prepareFrenchWords}: runs it and returns what it printed. */
public final class PrepareFrenchWords {

    private PrepareFrenchWords() {}

    public static String run(Path home, Path source) throws IOException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Prepare.prepareFrenchWords(home, source, new PrintStream(printed, true, StandardCharsets.UTF_8));
        return printed.toString(StandardCharsets.UTF_8);
    }
}
