package org.dlcourse.data;

import ai.djl.training.dataset.Dataset.Usage;

import java.nio.file.Path;
import java.util.List;

/**
 * What we know about Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017; MIT licence): its four files,
 * their checksums, its classes, and how to read one split into {@link ImageBytes}.
 *
 * <p>Two checksums per file, because the files come in two wrappings: the official {@code .gz}
 * files (checked when downloaded) and Debian's {@code dataset-fashion-mnist} package, which
 * re-compressed them: its {@code .gz} bytes differ, the images inside do not. So what identifies
 * the data is the SHA-256 of the decompressed content, the same from either source.
 */
public final class FashionMnistFiles {

    public static final String NAME = "Fashion-MNIST";
    /** The folder of {@code Datasets.home()} the prepared copy lives in. */
    public static final String FOLDER = "fashion-mnist";
    /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** The official files (the repository of the paper's authors). */
    public static final String OFFICIAL_URL = "https://github.com/zalandoresearch/fashion-mnist/raw/master/data/fashion/";

    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Mean and standard deviation of the training pixels (in [0,1]); padded to 32x32 for the CIFAR shape. */
    public static final float MEAN = 0.2860f;
    public static final float STD = 0.3530f;
    public static final float MEAN_PADDED_32 = 0.2190f;
    public static final float STD_PADDED_32 = 0.3318f;

    /** One of the four files: its name, the SHA-256 of the official .gz, and of its content. */
    public record Known(String name, String officialGzSha256, String contentSha256) {}

    public static final Known TRAIN_IMAGES = new Known("train-images-idx3-ubyte.gz",
            "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
            "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888");
    public static final Known TRAIN_LABELS = new Known("train-labels-idx1-ubyte.gz",
            "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
            "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9");
    public static final Known TEST_IMAGES = new Known("t10k-images-idx3-ubyte.gz",
            "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
            "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b");
    public static final Known TEST_LABELS = new Known("t10k-labels-idx1-ubyte.gz",
            "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
            "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

    public static final List<Known> ALL = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    private FashionMnistFiles() {}

    /** The image and label file names of a split. */
    public static List<String> files(Usage usage) {
        return usage == Usage.TRAIN
                ? List.of(TRAIN_IMAGES.name(), TRAIN_LABELS.name())
                : List.of(TEST_IMAGES.name(), TEST_LABELS.name());
    }

    /** Reads one split from {@code dir} (28x28 grey images, labels 0..9), checking counts and labels. */
    public static ImageBytes read(Path dir, Usage usage) {
        List<String> names = files(usage);
        byte[] pixels = Idx.readImages(dir.resolve(names.get(0)), 28, 28);
        byte[] labels = Idx.readLabels(dir.resolve(names.get(1)));
        if (pixels.length != labels.length * 28 * 28) {
            throw new IllegalStateException(dir.resolve(names.get(0)) + " holds " + pixels.length / (28 * 28)
                    + " images but " + dir.resolve(names.get(1)) + " " + labels.length
                    + " labels: the files do not belong together; run ./course data to prepare them again.");
        }
        for (int i = 0; i < labels.length; i++) {
            if ((labels[i] & 0xFF) >= CLASS_NAMES.size()) {
                throw new IllegalStateException(dir.resolve(names.get(1)) + ": label " + (labels[i] & 0xFF)
                        + " at " + i + " is not a class 0..9; run ./course data to prepare it again.");
            }
        }
        return new ImageBytes(NAME, CLASS_NAMES, 1, 28, 28, pixels, labels, new float[] {MEAN}, new float[] {STD});
    }
}
