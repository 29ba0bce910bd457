package org.dlcourse.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.dlcourse.Datasets;
import org.dlcourse.ImageSet;
import org.dlcourse.Training;
import org.dlcourse.draw.Notebook;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * One benchmark contender: a JVM with one DJL engine, kept warm, that runs short measurements
 * when bench/bench.py asks on stdin and answers one JSON line each on stdout. The harness
 * alternates between contenders (this one, the other engine, PyTorch and Keras in Python), so a
 * change of machine load hits all of them alike.
 *
 * <p>Commands: {@code cnn BATCH STEPS engine|kit}, {@code xor STEPS loop|fit}, {@code op STEPS}, {@code memory}, {@code quit}.
 * {@code engine}: a fixed batch already in the engine, forward + loss + backward + Adam step, the loss
 * read back every step (as a training loop with a progress display does). {@code kit}: the same
 * network trained the way notebook 04 §4 does it: {@code Training.config} (the live chart, drawn and
 * encoded as PNG as the kernel would send it), an accuracy evaluator, Adam, {@code Training.fit} on an
 * {@link ImageSet} (stored bytes turned into a float batch at each step) with a validation set checked
 * after the epoch, one image in five of the training images as notebook 04's 10,000 per 50,000.
 */
public final class DjlWorker {

    private final Engine engine;
    private final NDManager manager;
    private final Map<String, Trainer> trainers = new HashMap<>();
    private final Map<Integer, NDList> fixedBatches = new HashMap<>();
    private final Map<String, ImageSet> imageSets = new HashMap<>();

    private DjlWorker(Engine engine) {
        this.engine = engine;
        this.manager = engine.newBaseManager();
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        String name = args.length > 0 ? args[0] : Engine.getDefaultEngineName();
        Engine engine = Engine.getEngine(name);
        engine.setRandomSeed(42);
        DjlWorker worker = new DjlWorker(engine);
        showChartsAsTheKernelDoes();
        System.out.println(Json.object("ready", true, "engine", engine.getEngineName(), "version", engine.getVersion(),
                "djl", Engine.getDjlVersion(), "load_ms", (System.nanoTime() - started) / 1e6,
                "cores", Runtime.getRuntime().availableProcessors(), "settings", settings() + threads(engine)));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] word = line.trim().split("\\s+");
            try {
                switch (word[0]) {
                    case "cnn" -> System.out.println(worker.cnn(Integer.parseInt(word[1]), Integer.parseInt(word[2]), word[3]));
                    case "xor" -> System.out.println(worker.xor(Integer.parseInt(word[1]), word[2]));
                    case "op" -> System.out.println(worker.op(Integer.parseInt(word[1])));
                    case "data" -> System.out.println(worker.data(Integer.parseInt(word[1]), Integer.parseInt(word[2])));
                    case "memory" -> System.out.println(Json.object("rss_mib", status("VmRSS"), "peak_rss_mib", status("VmHWM")));
                    case "quit" -> {
                        return;
                    }
                    default -> System.out.println(Json.object("error", "unknown command " + line));
                }
            } catch (RuntimeException e) {
                System.out.println(Json.object("error", e.toString()));
            }
            System.out.flush();
        }
    }

    /**
     * Outside a kernel the live chart only keeps its picture; in notebook 04 each redraw is rendered as PNG and
     * base64-encoded for the front end (kernel/CourseDisplays). The worker does the same work and drops the bytes.
     */
    private static void showChartsAsTheKernelDoes() {
        Notebook.connect(picture -> {
            encode(picture);
            return "bench-output";
        }, (id, picture) -> encode(picture));
    }

    private static void encode(Object picture) {
        long start = System.nanoTime();
        if (picture instanceof org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
            java.util.Base64.getEncoder().encodeToString(Notebook.png(chart));
        }
        encodeNanos += System.nanoTime() - start;
    }

    /** Time spent encoding the live chart, so the report can say what the chart costs in a sample. */
    private static long encodeNanos;

    /** The thread settings this JVM runs with, as the report shows them. */
    private static String settings() {
        StringBuilder s = new StringBuilder();
        for (String var : new String[] {"OMP_NUM_THREADS", "KMP_AFFINITY", "MXNET_ENGINE_TYPE", "MXNET_CPU_WORKER_NTHREADS",
                "MXNET_MKLDNN_ENABLED", "OMP_WAIT_POLICY", "GOMP_SPINCOUNT"}) {
            if (System.getenv(var) != null) {
                s.append(var).append('=').append(System.getenv(var)).append(' ');
            }
        }
        for (String prop : new String[] {"ai.djl.pytorch.num_threads", "ai.djl.pytorch.num_interop_threads"}) {
            if (System.getProperty(prop) != null) {
                s.append("-D").append(prop).append('=').append(System.getProperty(prop)).append(' ');
            }
        }
        return s.toString().trim();
    }

    /** PyTorch's own thread counts as the engine set them (MXNet has no such call). */
    private static String threads(Engine engine) {
        if (!engine.getEngineName().equals("PyTorch")) {
            return "";
        }
        return " (libtorch: " + ai.djl.pytorch.jni.JniUtils.getNumThreads() + " intra-op, "
                + ai.djl.pytorch.jni.JniUtils.getNumInteropThreads() + " inter-op threads)";
    }

    // ---- The course CNN ------------------------------------------------------------------------

    /**
     * Notebook 04's network, the slide's CNN: the same blocks as its {@code slideCnn(32, 3)}. Written out here, not
     * taken from the support library, because building it is notebook 04's exercise (the library ships to students).
     */
    static Block slideCnn() {
        return new SequentialBlock()
                .add(Conv2d.builder().setFilters(32).setKernelShape(new Shape(3, 3)).build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Conv2d.builder().setFilters(64).setKernelShape(new Shape(3, 3)).build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Conv2d.builder().setFilters(64).setKernelShape(new Shape(3, 3)).build())
                .add(Activation.reluBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(64).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(10).build());
    }

    private Trainer cnnTrainer(int batch, String mode) {
        return trainers.computeIfAbsent("cnn-" + mode + "-" + batch, key -> {
            Model model = Model.newInstance(key, engine.getEngineName());
            model.setBlock(slideCnn());
            Loss loss = Loss.softmaxCrossEntropyLoss();
            DefaultTrainingConfig config = mode.equals("kit")
                    ? Training.config(loss, "Slide CNN · benchmark, batch " + batch).addEvaluator(new Accuracy())
                    : new DefaultTrainingConfig(loss);
            Trainer trainer = model.newTrainer(config.optOptimizer(Optimizer.adam().build()));
            trainer.initialize(new Shape(batch, 3, 32, 32));
            return trainer;
        });
    }

    /** Runs {@code steps} training steps of batch {@code batch}; the first call per batch size also warms up. */
    private String cnn(int batch, int steps, String mode) throws Exception {
        Trainer trainer = cnnTrainer(batch, mode);
        boolean first = mode.equals("kit") ? !imageSets.containsKey(batch + "/" + steps) : !fixedBatches.containsKey(batch);
        if (first) {   // warm-up, untimed: reading the images, first-call allocations, oneDNN primitive creation
            runCnn(trainer, batch, mode.equals("kit") ? steps : Math.max(3, steps / 4), mode);
        }
        long cpu = cpuNanos();
        long encoded = encodeNanos;
        long start = System.nanoTime();
        double loss = runCnn(trainer, batch, steps, mode);
        double seconds = (System.nanoTime() - start) / 1e9;
        return Json.object("images_per_s", batch * steps / seconds, "seconds", seconds, "steps", steps,
                "batch", batch, "loss", loss, "rss_mib", status("VmRSS"), "cpu_per_wall", (cpuNanos() - cpu) / 1e9 / seconds,
                "chart_s", (encodeNanos - encoded) / 1e9);
    }

    private double runCnn(Trainer trainer, int batch, int steps, String mode) throws Exception {
        if (mode.equals("kit")) {
            ImageSet set = imageSets.computeIfAbsent(batch + "/" + steps, k ->
                    Datasets.cifar10OrStandIn().optUsage(Dataset.Usage.TRAIN)
                        .optLimit(batch * steps).optBatchSize(batch).optShuffle(true).build());
            ImageSet validation = imageSets.computeIfAbsent("validation/" + batch + "/" + steps, k ->
                    Datasets.cifar10OrStandIn().optUsage(Dataset.Usage.TEST)
                        .optLimit(Math.max(batch, batch * steps / 5)).optBatchSize(256).build());
            return Training.fit(trainer, 1, set, validation).last("train_loss");
        }
        NDList data = fixedBatches.computeIfAbsent(batch, b -> randomBatch(b));
        double loss = 0;
        for (int s = 0; s < steps; s++) {
            try (NDManager step = manager.newSubManager()) {
                data.tempAttach(step);   // the step's intermediate arrays land in `step` and are freed with it
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDList prediction = trainer.forward(new NDList(data.get(0)));
                    NDArray value = trainer.getLoss().evaluate(new NDList(data.get(1)), prediction);
                    collector.backward(value);
                    loss = value.getFloat();
                }
                trainer.step();
            }
        }
        return loss;
    }

    /**
     * The kit's data pipeline alone: {@code steps} batches of an {@link ImageSet} made (bytes to floats,
     * copied into the engine) and closed, no training. Tells what the pipeline costs per training step.
     */
    private String data(int batch, int steps) throws Exception {
        ImageSet set = imageSets.computeIfAbsent(batch + "/" + steps, k ->
                Datasets.cifar10OrStandIn().optUsage(Dataset.Usage.TRAIN)
                        .optLimit(batch * steps).optBatchSize(batch).optShuffle(true).build());
        double seconds = Double.MAX_VALUE;
        for (int repeat = 0; repeat < 3; repeat++) {   // the best of 3: the pipeline's own cost, not the machine's load
            long start = System.nanoTime();
            for (ai.djl.training.dataset.Batch b : set.getData(manager)) {
                b.getData().head().getFloat(0, 0, 0, 0);   // make sure the engine has the data
                b.close();
            }
            seconds = Math.min(seconds, (System.nanoTime() - start) / 1e9);
        }
        return Json.object("ms_per_batch", 1000 * seconds / steps, "batch", batch);
    }

    /** A fixed batch of random images in [0,1] and random labels 0..9, made once in the engine. */
    private NDList randomBatch(int batch) {
        Random random = new Random(42);
        float[] pixels = new float[batch * 3 * 32 * 32];
        float[] labels = new float[batch];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat();
        }
        for (int i = 0; i < batch; i++) {
            labels[i] = random.nextInt(10);
        }
        return new NDList(manager.create(pixels, new Shape(batch, 3, 32, 32)), manager.create(labels));
    }

    // ---- The XOR network: per-step overhead -----------------------------------------------------

    private static final float[][] XOR_INPUTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    private static final float[] XOR_TARGETS = {0, 1, 1, 0};

    /** Notebook 03's network and optimiser: Linear(2) → sigmoid → Linear(1), Adam with learning rate 0.1. */
    private Trainer xorTrainer(String mode) {
        Model model = Model.newInstance("xor-" + mode, engine.getEngineName());
        model.setBlock(new SequentialBlock()
                .add(Linear.builder().setUnits(2).build())
                .add(Activation::sigmoid)
                .add(Linear.builder().setUnits(1).build()));
        Loss mse = Loss.l2Loss("mse", 1);
        DefaultTrainingConfig config = mode.equals("fit") ? Training.quietConfig(mse) : new DefaultTrainingConfig(mse);
        Trainer trainer = model.newTrainer(config.optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.1f)).build()));
        trainer.initialize(new Shape(4, 2));
        return trainer;
    }

    /**
     * {@code steps} full-batch steps on the four XOR points. {@code loop}: notebook 03's loop written
     * out (a sub-manager per step, the arrays made from Java, forward, loss, backward, the loss read,
     * the update). {@code fit}: its version (a), {@code Training.fit} with one batch per epoch.
     */
    private String xor(int steps, String mode) {
        Trainer trainer = xorTrainer(mode);
        try {
            runXor(trainer, Math.max(50, steps / 10), mode);   // warm-up
            long cpu = cpuNanos();
            long start = System.nanoTime();
            double loss = runXor(trainer, steps, mode);
            double seconds = (System.nanoTime() - start) / 1e9;
            return Json.object("ms_per_step", 1000 * seconds / steps, "steps", steps, "loss", loss,
                    "cpu_per_wall", (cpuNanos() - cpu) / 1e9 / seconds);
        } finally {
            trainer.getModel().close();
            trainer.close();
        }
    }

    /**
     * One tiny engine operation, {@code steps} times: two 4×2 arrays (the XOR data's size) added, the sum freed.
     * The least any operation of a small model's step costs: the call into the engine, not arithmetic.
     */
    private String op(int steps) {
        try (NDManager scratch = manager.newSubManager()) {
            NDArray a = scratch.create(XOR_INPUTS);
            NDArray b = scratch.create(XOR_INPUTS);
            for (int i = 0; i < Math.max(100, steps / 10); i++) {   // warm-up
                a.add(b).close();
            }
            long cpu = cpuNanos();
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                a.add(b).close();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return Json.object("ms_per_step", 1000 * seconds / steps, "steps", steps,
                    "cpu_per_wall", (cpuNanos() - cpu) / 1e9 / seconds);
        }
    }

    private double runXor(Trainer trainer, int steps, String mode) {
        if (mode.equals("fit")) {
            try (NDManager data = manager.newSubManager()) {
                NDArray x = data.create(XOR_INPUTS);
                NDArray y = data.create(XOR_TARGETS).reshape(4, 1);
                Dataset xor = new ArrayDataset.Builder().setData(x).optLabels(y).setSampling(4, false).build();
                return Training.fit(trainer, steps, xor, null).last("train_loss");
            }
        }
        double loss = 0;
        for (int step = 0; step < steps; step++) {
            try (NDManager scratch = manager.newSubManager()) {
                NDArray x = scratch.create(XOR_INPUTS);
                NDArray y = scratch.create(XOR_TARGETS).reshape(4, 1);
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDArray prediction = trainer.forward(new NDList(x)).singletonOrThrow();
                    NDArray value = trainer.getLoss().evaluate(new NDList(y), new NDList(prediction));
                    collector.backward(value);
                    loss = value.getFloat();
                }
                trainer.step();
            }
        }
        return loss;
    }

    /** CPU time of the whole process (all threads, native ones included): CPU/wall tells how many cores were busy. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** A line of /proc/self/status in MiB (VmRSS: now, VmHWM: peak). */
    static long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }

    /** Just enough JSON for flat objects of strings, numbers and booleans. */
    static final class Json {
        private Json() {}

        static String object(Object... keysAndValues) {
            StringBuilder s = new StringBuilder("{");
            for (int i = 0; i < keysAndValues.length; i += 2) {
                s.append(i == 0 ? "" : ", ").append(quote(keysAndValues[i].toString())).append(": ");
                Object v = keysAndValues[i + 1];
                if (v instanceof Double || v instanceof Float) {
                    double d = ((Number) v).doubleValue();
                    s.append(Double.isFinite(d) ? String.format(Locale.ROOT, "%.6g", d) : "null");
                } else if (v instanceof Number || v instanceof Boolean) {
                    s.append(v);
                } else {
                    s.append(quote(String.valueOf(v)));
                }
            }
            return s.append('}').toString();
        }

        private static String quote(String text) {
            return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
        }
    }
}
