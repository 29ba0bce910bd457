package org.dlcourse.run;

/**
 * A kit loop stopped because the user interrupted its cell. The message is the whole story (where it
 * stopped, what to do), so the exception carries no stack trace: the cell shows one line, not a wall.
 */
public final class Interrupted extends RuntimeException {

    public Interrupted(String message) {
        super(message, null, false, false);
    }
}
