package org.dlcourse.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A notebook's code cells as saved on disk, numbered from 1 with the markdown cells counted, as a person
 * counts them in JupyterLab; and where a name is declared in them (at the start of a line, as a notebook
 * declares its variables, methods and classes; a loop's or a method's own variables do not count).
 */
final class NotebookCells {

    private final List<String> sources = new ArrayList<>();   // null for a markdown cell

    private NotebookCells() {}

    /** The notebook's cells, or null if it cannot be read (no file, not a notebook). */
    static NotebookCells read(Path notebook) {
        try {
            JsonObject json = JsonParser.parseString(Files.readString(notebook)).getAsJsonObject();
            NotebookCells cells = new NotebookCells();
            for (JsonElement cell : json.getAsJsonArray("cells")) {
                JsonObject c = cell.getAsJsonObject();
                cells.sources.add("code".equals(c.get("cell_type").getAsString()) ? text(c.get("source")) : null);
            }
            return cells;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonElement source) {
        if (!source.isJsonArray()) {
            return source.getAsString();
        }
        StringBuilder text = new StringBuilder();
        for (JsonElement line : (JsonArray) source) {
            text.append(line.getAsString());
        }
        return text.toString();
    }

    /** The number of the first code cell declaring {@code name} of this kind (variable, method, class), or -1. */
    int declaring(String kind, String name) {
        Pattern declaration = declaration(kind, Pattern.quote(name));
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i) != null && declaration.matcher(sources.get(i)).find()) {
                return i + 1;
            }
        }
        return -1;
    }

    /** The number of the first code cell containing this code (the snippet that failed), or -1. */
    int containing(String code) {
        String wanted = code.strip();
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i) != null && !wanted.isEmpty() && sources.get(i).contains(wanted)) {
                return i + 1;
            }
        }
        return -1;
    }

    /** The first line of a cell that is not a comment, shortened: how a student recognises the cell. */
    String firstLine(int cell) {
        for (String line : sources.get(cell - 1).split("\n")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("//") && !t.startsWith("import ")) {
                return t.length() > 60 ? t.substring(0, 57) + "..." : t;
            }
        }
        return "";
    }

    private static Pattern declaration(String kind, String name) {
        String modifiers = "(?:(?:public|private|static|final|abstract|sealed)\\s+)*";
        String type = "[\\w.$]+(?:<[^;=()]*>)?(?:\\[\\])*";
        switch (kind) {
            case "class":
                return Pattern.compile("(?m)^" + modifiers + "(?:class|record|interface|enum)\\s+" + name + "\\b");
            case "method":
                return Pattern.compile("(?m)^" + modifiers + "(?:<[^>]*>\\s*)?" + type + "\\s+" + name + "\\s*\\(");
            default:
                return Pattern.compile("(?m)^" + modifiers + type + "\\s+" + name + "\\s*[=;]");
        }
    }
}
