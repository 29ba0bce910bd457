package org.dlcourse.kernel;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.UnresolvedReferenceException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Listens to JShell's snippet events: a cell that fails because a name it uses is not defined ("cannot find
 * symbol", or a method that needs one), where the notebook defines that name in another cell, is answered with
 * one sentence saying which cell to run, instead of JJava's listing of every unknown name. The notebook is the
 * one JupyterLab started the kernel for ({@code JPY_SESSION_NAME}); if the kernel does not know it (nbclient,
 * some editors), the notebooks of the kernel's folder. A name no notebook defines (a typo) keeps JJava's answer.
 * <p>It answers by throwing from the listener: JShell lets the exception out of {@code JShell.eval}, and JJava
 * shows it in place of its own. JJava has no other hook: its error text comes from {@code JavaKernel.formatError},
 * which only a subclass of the kernel, started by a main class of our own, could change.
 */
final class CellOrder implements Consumer<SnippetEvent> {

    static final String RUN_ABOVE = "run the cells above (Run › Run All Above Selected Cell)";
    /** "symbol:   variable model" in javac's message, when the location is the snippet itself, not a member. */
    private static final Pattern UNKNOWN =
            Pattern.compile("symbol:\\s+(variable|method|class)\\s+([\\w$]+)[^\\n]*\\n\\s*location:\\s+class\\s*$");
    private static final Pattern DEPENDENCY = Pattern.compile("(variable|method|class|interface|enum|record)\\s+([\\w$]+).*");

    private final JShell shell;
    private final Path notebook;   // null if the kernel does not know it
    private final Path folder;

    CellOrder(JShell shell, Path notebook, Path folder) {
        this.shell = shell;
        this.notebook = notebook;
        this.folder = folder;
    }

    @Override
    public void accept(SnippetEvent event) {
        if (event.causeSnippet() != null) {
            return;   // a snippet updated by another one: its own errors come when it is used
        }
        List<String[]> unknown = unknownNames(event);
        if (!unknown.isEmpty()) {
            String sentence = sentence(unknown, event.snippet().source());
            if (sentence != null) {
                String names = unknown.stream().map(n -> n[0] + " " + n[1]).collect(Collectors.joining(", "));
                throw new CellNotRunYet(sentence + "\n(The compiler's words: cannot find symbol " + names + ".)");
            }
        }
    }

    /** The unknown names as {kind, name}: javac's "cannot find symbol", or a used method's unresolved names. */
    List<String[]> unknownNames(SnippetEvent event) {
        List<String[]> names = new ArrayList<>();
        Snippet snippet = event.snippet();
        if (event.status() == Snippet.Status.REJECTED) {
            for (Diag d : (Iterable<Diag>) shell.diagnostics(snippet)::iterator) {
                Matcher m = UNKNOWN.matcher(d.getMessage(Locale.ROOT));
                if (d.getCode().startsWith("compiler.err.cant.resolve") && m.find()) {
                    add(names, m.group(1), m.group(2));
                }
            }
        } else if (event.exception() instanceof UnresolvedReferenceException) {
            DeclarationSnippet used = ((UnresolvedReferenceException) event.exception()).getSnippet();
            shell.unresolvedDependencies(used).map(DEPENDENCY::matcher).filter(Matcher::matches)
                    .forEach(m -> add(names, m.group(1).equals("variable") || m.group(1).equals("method") ? m.group(1) : "class", m.group(2)));
        }
        return names;
    }

    private static void add(List<String[]> names, String kind, String name) {
        if (names.stream().noneMatch(n -> n[1].equals(name))) {
            names.add(new String[] {kind, name});
        }
    }

    /** The sentence naming the cells to run, or null if no notebook defines any of the names. */
    String sentence(List<String[]> unknown, String code) {
        NotebookCells cells = notebook == null ? null : NotebookCells.read(notebook);
        if (cells == null) {
            return sentenceWithoutNotebook(unknown);
        }
        List<String> found = new ArrayList<>();
        int running = cells.containing(code);
        int below = -1;
        for (String[] n : unknown) {
            int cell = cells.declaring(n[0], n[1]);
            if (cell > 0) {
                found.add(n[1] + " (cell " + cell + ": " + cells.firstLine(cell) + ")");
                below = running > 0 && cell > running ? Math.max(below, cell) : below;
            }
        }
        if (found.isEmpty()) {
            return null;
        }
        String what = found.size() == 1 ? found.get(0) + " is defined in a cell that has"
                : String.join(" and ", found) + " are defined in cells that have";
        return what + " not run yet in this kernel: " + (below > 0 ? "run the cells down to cell " + below + " first, then this one."
                : RUN_ABOVE + ".");
    }

    /** Without the notebook: the names some notebook of the kernel's folder defines. */
    private String sentenceWithoutNotebook(List<String[]> unknown) {
        List<NotebookCells> notebooks = notebooksInFolder();
        List<String> found = unknown.stream()
                .filter(n -> notebooks.stream().anyMatch(cells -> cells.declaring(n[0], n[1]) > 0))
                .map(n -> n[1]).collect(Collectors.toList());
        if (found.isEmpty()) {
            return null;
        }
        return (found.size() == 1 ? found.get(0) + " is defined in an earlier cell that has"
                : String.join(" and ", found) + " are defined in earlier cells that have")
                + " not run yet in this kernel: " + RUN_ABOVE + ".";
    }

    private List<NotebookCells> notebooksInFolder() {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".ipynb")).map(NotebookCells::read)
                    .filter(c -> c != null).collect(Collectors.toList());
        } catch (IOException e) {
            return List.of();
        }
    }
}
