package org.dlcourse;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import org.dlcourse.run.SwitchError;
import org.dlcourse.run.Switches;
import org.dlcourse.draw.Words;

import java.util.Locale;

/**
 * The first cell of every notebook: {@code var course = Course.start();} loads the engine DJL's own switch
 * selects ({@code DJL_DEFAULT_ENGINE=MXNet|PyTorch}), picks the device ({@code COURSE_DEVICE=auto|cpu|gpu}),
 * fixes the random seed, and prints one banner line saying what was actually used, so a screenshot of a
 * notebook tells how it ran.
 * <p>Used in every notebook: its first cell, then {@code course.device()}, {@code course.manager()}
 * and {@code course.profile()} throughout.
 */
public final class Course {

    /** The seed every notebook starts from, so two runs of a notebook draw the same numbers. */
    public static final int SEED = 42;

    /** The course the first cell started; package-private so a test can put another device in. */
    static Course current;

    private final Engine engine;
    private final Device device;
    private final Profile profile;
    private final NDManager manager;

    Course(Engine engine, Device device, Profile profile) {
        this.engine = engine;
        this.device = device;
        this.profile = profile;
        this.manager = NDManager.newBaseManager(device);
    }

    /** Loads the engine, fixes the seed and prints the banner. Calling it again re-seeds and reprints. */
    public static synchronized Course start() {
        if (current == null) {
            Switches.check(); // before DJL reads DJL_DEFAULT_ENGINE: its error is a wall of frames
            Engine engine = loadEngine();
            current = new Course(engine, chooseDevice(engine, System.getenv("COURSE_DEVICE")), Profile.current());
            Words.decide();   // the notebook's language: COURSE_LANG, else its edition's folder (fr/ or en/)
        }
        current.engine.setRandomSeed(SEED);
        System.out.println(current.banner());
        return current;
    }

    /** The course the notebook started, or a new one if it did not: for the library's own defaults. */
    static synchronized Course current() { return current != null ? current : start(); }

    private static Engine loadEngine() {
        try {
            return Engine.getInstance();
        } catch (EngineException e) {
            throw new IllegalStateException(Words.of("error.engine", System.getenv("DJL_DEFAULT_ENGINE"),
                    Engine.getAllEngines(), e.getMessage()), e);
        }
    }

    /**
     * {@code auto} (default) takes the first GPU the engine sees, {@code cpu} the CPU; {@code gpu} fails loudly
     * without one: an instructor who asked for a GPU must never get a silent, twenty-times-slower CPU run.
     */
    static Device chooseDevice(Engine engine, String requested) {
        String choice = requested == null || requested.isBlank() ? "auto" : requested.trim().toLowerCase(Locale.ROOT);
        int gpus = engine.getGpuCount();
        switch (choice) {
            case "auto":
                return gpus > 0 ? Device.gpu(0) : Device.cpu();
            case "cpu":
                return Device.cpu();
            case "gpu":
                if (gpus == 0) throw new SwitchError(noGpuMessage(engine));
                return Device.gpu(0);
            default:
                throw new SwitchError(Switches.sentence("COURSE_DEVICE", requested));
        }
    }

    static String noGpuMessage(Engine engine) {
        return Words.of("error.noGpu", engine.getEngineName());
    }

    /** One line: engine and version, device, threads, seed, profile. */
    public String banner() {
        return Words.of("banner",
                engine.getEngineName(), engine.getVersion(), describe(device), threads(), SEED, profile);
    }

    private String describe(Device d) {
        return d.isGpu() ? Words.of("banner.gpu", d.getDeviceId(), engine.getGpuCount()) : "CPU";
    }

    private static String threads() {
        String omp = System.getenv("OMP_NUM_THREADS") == null ? "" : System.getenv("OMP_NUM_THREADS").trim();
        if (!omp.isEmpty()) return Words.of(omp.equals("1") ? "banner.thread.omp" : "banner.threads.omp", omp);
        return Words.of("banner.threads.all", Runtime.getRuntime().availableProcessors());
    }

    public Engine engine() { return engine; }

    /** Where arrays and models live: {@code Model.newInstance(name, course.device())}. */
    public Device device() { return device; }

    /** The device as the array a training configuration takes: {@code config.optDevices(course.devices())}. */
    public Device[] devices() { return new Device[] {device}; }

    public Profile profile() { return profile; }

    /** The notebook's root manager; make short-lived arrays in {@code manager().newSubManager()} and close it. */
    public NDManager manager() { return manager; }

    @Override
    public String toString() { return banner(); }
}
