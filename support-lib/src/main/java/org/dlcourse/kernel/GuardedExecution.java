package org.dlcourse.kernel;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.VarSnippet;
import jdk.jshell.spi.ExecutionControl;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * JShell's execution control, wrapped: before a snippet runs, an array shape written in it
 * ({@code new Shape(30000, 30000)}, its sizes numbers or variables holding numbers) that cannot fit in the
 * kernel's memory stops the snippet with one sentence, instead of the kernel being killed mid-way without a
 * word; after it ran, the engines' out-of-memory errors are reworded into one sentence.
 * <p>Why the source and not the NDManager: a {@link java.lang.reflect.Proxy} over the manager would break
 * {@code array.attach(manager)}, which both engines cast to their own manager class.
 */
final class GuardedExecution implements ExecutionControl {

    private static final Pattern SHAPE = Pattern.compile("new\\s+Shape\\s*\\(([^()]*)\\)");
    private static final Pattern COMMENT = Pattern.compile("//[^\n]*|/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern NUMBER = Pattern.compile("\\d[\\d_]*[lL]?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_$][\\w$]*");
    private static final int FLOAT32_BYTES = 4;   // DJL's default data type

    private final ExecutionControl engine;
    private final JShell shell;
    private final MemoryLimit memory;

    GuardedExecution(ExecutionControl engine, JShell shell, MemoryLimit memory) {
        this.engine = engine;
        this.shell = shell;
        this.memory = memory;
    }

    @Override
    public String invoke(String className, String methodName) throws RunException, EngineTerminationException, InternalException {
        String refusal = refusal(newestSnippet());
        if (refusal != null) {
            throw new UserException(refusal, "NotEnoughMemory", new StackTraceElement[0]);
        }
        try {
            return engine.invoke(className, methodName);
        } catch (UserException e) {
            String sentence = outOfMemory(e.causeExceptionClass(), e.getMessage());
            throw sentence == null ? e : new UserException(sentence, sentence.contains("2,147,483,647") ? "TooManyNumbers"
                    : "OutOfMemory", new StackTraceElement[0]);
        }
    }

    /** The sentence refusing the first shape in the source that cannot fit, or null. */
    String refusal(String source) {
        if (source == null || !source.contains("Shape")) {
            return null;   // the common case costs one scan of the snippet
        }
        boolean mxnet = !"PyTorch".equalsIgnoreCase(System.getenv("DJL_DEFAULT_ENGINE"));
        String code = COMMENT.matcher(source).replaceAll("");   // "// new Shape(30000, 30000) would not fit" is no array
        for (Matcher m = SHAPE.matcher(code); m.find(); ) {
            long elements = elements(m.group(1));
            String sentence = elements < 0 ? null
                    : memory.refusal("An array of shape (" + m.group(1).trim() + ")", elements, FLOAT32_BYTES, mxnet);
            if (sentence != null) {
                return sentence;
            }
        }
        return null;
    }

    /** The product of the sizes, each a number, a variable holding one, or a product of those; -1 if unknown. */
    private long elements(String sizes) {
        long product = 1;
        for (String size : sizes.split(",")) {
            for (String factor : size.split("\\*")) {
                long value = valueOf(factor.trim());
                if (value < 0) {
                    return -1;
                }
                product = value == 0 || product <= Long.MAX_VALUE / value ? product * value : Long.MAX_VALUE;
            }
        }
        return product;
    }

    private long valueOf(String factor) {
        if (NUMBER.matcher(factor).matches()) {
            return Long.parseLong(factor.replace("_", "").replaceAll("[lL]$", ""));
        }
        if (NAME.matcher(factor).matches()) {
            for (VarSnippet v : (Iterable<VarSnippet>) shell.variables()::iterator) {
                if (v.name().equals(factor) && shell.status(v) == Snippet.Status.VALID) {
                    return number(shell, v);
                }
            }
        }
        return -1;
    }

    private static long number(JShell shell, VarSnippet v) {
        try {
            String value = shell.varValue(v);
            return value.matches("\\d+") ? Long.parseLong(value) : -1;
        } catch (RuntimeException e) {   // not readable now: the shape is not foreseen
            return -1;
        }
    }

    /** The source of the snippet about to run: JShell installs a snippet before running it, so it is the newest. */
    private String newestSnippet() {
        Snippet newest = null;
        for (Snippet s : (Iterable<Snippet>) shell.snippets()::iterator) {
            newest = s;
        }
        return newest == null ? null : newest.source();
    }

    /** One sentence for an engine's or Java's out-of-memory error; null for any other error. */
    String outOfMemory(String exceptionClass, String message) {
        String text = String.valueOf(message);
        String lower = text.toLowerCase(Locale.ROOT);
        String advice = ": use a smaller shape or batch, close the managers of arrays you no longer need,"
                + " or shut down the kernels of notebooks you are not using.";
        if (text.contains("USE_INT64_TENSOR_SIZE") || text.contains("2^31")) {
            return "This cell asked MXNet for an array of more than 2,147,483,647 numbers, more than MXNet holds in one"
                    + " array: use a smaller shape, or the PyTorch engine (DJL_DEFAULT_ENGINE=PyTorch).";
        }
        if ("java.lang.OutOfMemoryError".equals(exceptionClass)) {
            return "Java's heap (" + MemoryLimit.size(Runtime.getRuntime().maxMemory()) + ") is full (" + text + ")" + advice;
        }
        if (Stream.of("out of memory", "not enough memory", "allocate memory", "failed to allocate", "bad_alloc")
                .anyMatch(lower::contains)) {   // MXNet, PyTorch (DefaultCPUAllocator), C++
            return "The engine ran out of memory in this cell (this kernel may use " + MemoryLimit.size(memory.bytes())
                    + " and holds " + MemoryLimit.size(memory.residentBytes()) + " now)" + advice;
        }
        return null;
    }

    // Everything else goes to JJava's own execution control unchanged.

    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        engine.load(cbcs);
    }

    @Override
    public void redefine(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        engine.redefine(cbcs);
    }

    @Override
    public String varValue(String className, String varName) throws RunException, EngineTerminationException, InternalException {
        return engine.varValue(className, varName);
    }

    @Override
    public void addToClasspath(String path) throws EngineTerminationException, InternalException {
        engine.addToClasspath(path);
    }

    @Override
    public void stop() throws EngineTerminationException, InternalException {
        engine.stop();
    }

    @Override
    public Object extensionCommand(String command, Object arg) throws RunException, EngineTerminationException, InternalException {
        return engine.extensionCommand(command, arg);
    }

    @Override
    public void close() {
        engine.close();
    }
}
