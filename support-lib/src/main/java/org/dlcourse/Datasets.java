package org.dlcourse;

import org.dlcourse.data.FashionMnistFiles;
import org.dlcourse.data.FrenchWords;
import org.dlcourse.data.PreparedData;
import org.dlcourse.draw.Words;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The course's data, read from the kit's {@code datasets/} folder only: no download ever happens while a
 * notebook runs ({@code ./course data} prepares what is not committed). Tables come from {@link #csv};
 * image sets from a builder, each setting named as in DJL, e.g. {@code Datasets.cifar10OrStandIn()
 * .optUsage(Usage.TRAIN).optLimit(2_000).optBatchSize(32).optShuffle(false).build()}.
 * <p>Used in 01 §6 and 05 §3 (tables), 04 §2, §6, §8 and 06 §1, §6 (image sets).
 */
public final class Datasets {

    private Datasets() {}

    /** A committed CSV file of {@code datasets/} as a table, e.g. {@code Datasets.csv("cars.csv")}. */
    public static Table csv(String fileName) {
        Path file = PreparedData.home().resolve(fileName);
        if (!Files.isRegularFile(file)) throw new IllegalStateException(Words.of("error.dataMissing", file, fileName));
        try {
            return Table.read().csv(CsvReadOptions.builder(file.toFile()).tableName(fileName).build());
        } catch (RuntimeException e) {
            throw new IllegalStateException(Words.of("error.csv", file, e.getMessage()), e);
        }
    }

    /** Fashion-MNIST (60,000 training and 10,000 test images, 1x28x28, 10 classes of clothing). */
    public static ImageSetBuilder fashionMnist() {
        return new ImageSetBuilder(FashionMnistFiles.NAME, PreparedData::fashionMnist);
    }

    /** Fashion-MNIST as 3x32x32 (padded, grey copied to R, G, B): a CIFAR-10 network on a simpler task. */
    public static ImageSetBuilder fashionMnistAsCifar() {
        return new ImageSetBuilder(FashionMnistFiles.NAME, PreparedData::fashionMnistAsCifar);
    }

    /** CIFAR-10 (50,000 training and 10,000 test images, 3x32x32, 10 classes); needs the download. */
    public static ImageSetBuilder cifar10() { return new ImageSetBuilder("CIFAR-10", PreparedData::cifar10); }

    /** CIFAR-10 if {@code ./course data} downloaded it, else Fashion-MNIST in its format ({@link ImageSet#isStandIn}). */
    public static ImageSetBuilder cifar10OrStandIn() {
        return new ImageSetBuilder("CIFAR-10", PreparedData::cifar10OrStandIn);
    }

    /** The French words of Debian's wfrench list (346,205), prepared by {@code ./course data}. */
    public static List<String> frenchWords() { return FrenchWords.read(PreparedData.home()); }

    /** The class names of Fashion-MNIST, by label. */
    public static List<String> fashionMnistClasses() { return FashionMnistFiles.CLASS_NAMES; }
}
