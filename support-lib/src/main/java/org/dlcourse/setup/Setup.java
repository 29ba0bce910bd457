package org.dlcourse.setup;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Run once at set-up time ({@code ./course setup}, the Docker build): loads each engine and runs
 * one operation, so DJL extracts its native libraries into the cache now, not in a student's first
 * cell. Prints one line per engine; exits non-zero if an engine cannot run.
 */
public final class Setup {

    private Setup() {}

    public static void main(String[] args) {
        String[] engines = args.length > 0 ? args : new String[] {"MXNet", "PyTorch"};
        boolean ok = true;
        for (String name : engines) {
            try {
                Engine engine = Engine.getEngine(name);
                try (NDManager manager = engine.newBaseManager()) {
                    NDArray x = manager.arange(4f).mul(2);
                    float sum = x.sum().getFloat();
                    System.out.printf("engine %s %s ready (check %.0f, %d GPU(s) visible)%n",
                            engine.getEngineName(), engine.getVersion(), sum, engine.getGpuCount());
                }
            } catch (RuntimeException | UnsatisfiedLinkError e) {
                ok = false;
                System.err.println("engine " + name + " failed to load: " + e);
            }
        }
        if (!ok) {
            System.exit(1);
        }
    }
}
