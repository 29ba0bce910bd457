package org.dlcourse.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST (gzip-compressed or not): a magic number
 * saying the type (unsigned bytes) and the number of dimensions, the size of each dimension, then
 * the values. Everything is checked, so a truncated or corrupt file fails here, naming the file,
 * before any training starts; gzip's own CRC catches corruption inside a .gz file.
 */
public final class Idx {

    private static final int UBYTE_IMAGES = 0x0803; // unsigned bytes, 3 dimensions (n, rows, cols)
    private static final int UBYTE_LABELS = 0x0801; // unsigned bytes, 1 dimension (n)

    private Idx() {}

    /** The pixels of an image file, image after image, row after row; checks the image size. */
    public static byte[] readImages(Path file, int rows, int cols) {
        return read(file, UBYTE_IMAGES, rows, cols);
    }

    /** The labels of a label file, one byte each. */
    public static byte[] readLabels(Path file) {
        return read(file, UBYTE_LABELS, 1, 1);
    }

    private static byte[] read(Path file, int magic, int rows, int cols) {
        try (DataInputStream in = new DataInputStream(open(file))) {
            int found = in.readInt();
            if (found != magic) {
                throw formatError(file, String.format("magic number 0x%08X, expected 0x%08X", found, magic));
            }
            int count = in.readInt();
            if (magic == UBYTE_IMAGES && (in.readInt() != rows || in.readInt() != cols)) {
                throw formatError(file, "images are not " + rows + "x" + cols);
            }
            if (count <= 0 || (long) count * rows * cols > Integer.MAX_VALUE - 16) {
                throw formatError(file, "implausible count " + count);
            }
            byte[] values = new byte[count * rows * cols];
            in.readFully(values);
            if (in.read() != -1) { // also makes gzip check its CRC and length
                throw formatError(file, "bytes after the " + count + " items its header announces");
            }
            return values;
        } catch (NoSuchFileException e) {
            throw new IllegalStateException(file + " is missing: run ./course data to prepare it.", e);
        } catch (EOFException e) {
            throw formatError(file, "it ends before the end of its data (truncated)");
        } catch (IOException e) {
            throw formatError(file, e.getMessage());
        }
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }

    private static IllegalStateException formatError(Path file, String problem) {
        return new IllegalStateException(file + " is not a valid IDX file (" + problem
                + "): it is corrupt or truncated; run ./course data to prepare it again.");
    }
}
