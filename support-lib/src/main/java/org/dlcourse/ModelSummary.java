package org.dlcourse;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.*;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import org.dlcourse.draw.Words;
import tech.tablesaw.api.*;

import java.util.*;
import java.util.stream.Collectors;

/**
 * What Keras prints with {@code model.summary()}, for a DJL block: each layer (one row per child of a
 * {@link SequentialBlock}, else one row) with its output shape, its number of trainable numbers
 * (parameters), and how that number comes about, e.g. {@code (3·3·3 + 1) × 32 = 896} for 32 filters of
 * 3x3 on 3 channels. The counts are read from the block's parameter arrays, so initialise it first.
 * <p>Used in 04 §1, §3, §6.
 */
public final class ModelSummary {

    /** One layer: what it is, the shape it outputs (without the batch), its parameter count and how it is counted. */
    public record Layer(String name, Block block, Shape outputShape, long parameters, String counted) {}

    private final List<Layer> layers;

    private ModelSummary(List<Layer> layers) { this.layers = Collections.unmodifiableList(layers); }

    /** The summary of an initialised block fed with inputs of {@code inputShape} (batch first, e.g. (1, 3, 32, 32)). */
    public static ModelSummary of(Block block, Shape inputShape) {
        if (!block.isInitialized()) {
            throw new IllegalStateException(Words.of("error.noParameters", inputShape, inputShape));
        }
        List<Block> parts = block instanceof SequentialBlock
                ? block.getChildren().values() : List.of(block);
        List<Layer> layers = new ArrayList<>();
        Shape shape = inputShape;
        for (Block part : parts) {
            shape = part.getOutputShapes(new Shape[] {shape})[0];
            List<Parameter> parameters = part.getParameters().values();
            long count = 0;
            for (Parameter p : parameters) count += p.getArray().size();
            layers.add(new Layer(describe(part), part, shape.slice(1), count, howCounted(parameters, count)));
        }
        return new ModelSummary(layers);
    }

    public List<Layer> layers() { return layers; }

    /** All parameters of the model. */
    public long parameters() { return layers.stream().mapToLong(Layer::parameters).sum(); }

    /** The parameters of the layers of one kind, e.g. {@code parameters(Conv2d.class)} for the convolutions. */
    public long parameters(Class<? extends Block> kind) {
        return layers.stream().filter(l -> kind.isInstance(l.block())).mapToLong(Layer::parameters).sum();
    }

    /** The parameter count of each layer of one kind, in order, e.g. [896, 18496, 36928] for the slide's convolutions. */
    public List<Long> parametersPerLayer(Class<? extends Block> kind) {
        return layers.stream().filter(l -> kind.isInstance(l.block())).map(Layer::parameters)
                .collect(Collectors.toList());
    }

    /** The summary as a table, with a last row for the total. */
    public Table table(String title) {
        StringColumn name = StringColumn.create(Words.of("summary.layer"));
        StringColumn output = StringColumn.create(Words.of("summary.output"));
        LongColumn count = LongColumn.create(Words.of("summary.parameters"));
        StringColumn counted = StringColumn.create(Words.of("summary.counted"));
        for (Layer layer : layers) {
            name.append(layer.name());
            output.append(dimensions(layer.outputShape()));
            count.append(layer.parameters());
            counted.append(layer.counted());
        }
        name.append(Words.of("summary.total"));
        output.append("");
        count.append(parameters());
        counted.append("");
        return Table.create(title, name, output, count, counted);
    }

    /** A layer in words: "Conv2d, 32 filters 3x3", "Linear, 64 units", "ReLU", "maxPool2d". */
    static String describe(Block block) {
        if (block instanceof Convolution conv) {
            String kernel = Arrays.stream(conv.getKernelShape().getShape()).mapToObj(Long::toString).collect(Collectors.joining("x"));
            return block.getClass().getSimpleName() + ", " + conv.getFilters() + " filters " + kernel;
        }
        if (block instanceof Linear) {
            Parameter weight = block.getParameters().get("weight");
            return "Linear, " + weight.getArray().getShape().get(0) + " units";
        }
        if (block instanceof LambdaBlock) return ((LambdaBlock) block).getName();
        return block.getClass().getSimpleName();
    }

    /**
     * How the count comes about: each of the out units of a weight (out, a, b, ...) sees a·b·... inputs plus
     * its bias, "(a·b·... + 1) × out = n"; for a convolution "(3·3·32 + 1) × 64 = 18,496", filter size first.
     */
    static String howCounted(List<Parameter> parameters, long total) {
        if (parameters.isEmpty()) return Words.of("summary.none");
        Parameter weight = parameters.stream().filter(p -> p.getName().equals("weight")).findFirst().orElse(null);
        Parameter bias = parameters.stream().filter(p -> p.getName().equals("bias")).findFirst().orElse(null);
        if (weight != null && parameters.size() <= 2) {
            Shape w = weight.getArray().getShape();
            long units = w.get(0);
            String inputs = Arrays.stream(inputsPerUnit(w)).mapToObj(Long::toString).collect(Collectors.joining("·"));
            boolean biasPerUnit = bias != null && bias.getArray().size() == units;
            if (bias == null) return String.format("%s × %d = %,d", inputs, units, total);
            if (biasPerUnit) return String.format("(%s + 1) × %d = %,d", inputs, units, total);
        }
        return parameters.stream().map(p -> p.getName() + " " + p.getArray().size())
                .collect(Collectors.joining(" + ")) + String.format(" = %,d", total);
    }

    /** What one unit sees: for a convolution's weight (out, in, kh, kw), {kh, kw, in}, as the slide writes 3x3x32. */
    private static long[] inputsPerUnit(Shape weight) {
        long[] rest = weight.slice(1).getShape();
        if (rest.length < 3) return rest;
        long[] kernelFirst = new long[rest.length];
        System.arraycopy(rest, 1, kernelFirst, 0, rest.length - 1);
        kernelFirst[rest.length - 1] = rest[0];
        return kernelFirst;
    }

    /** (32, 30, 30) as "32 × 30 × 30". */
    private static String dimensions(Shape shape) {
        return Arrays.stream(shape.getShape()).mapToObj(Long::toString).collect(Collectors.joining(" × "));
    }
}
