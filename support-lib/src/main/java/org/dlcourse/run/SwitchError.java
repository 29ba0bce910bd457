package org.dlcourse.run;

/**
 * A wrong setting the kit explains in its message (a switch, a missing GPU). It carries no stack frames:
 * the notebook shows an exception as its stack trace, and here the sentence is all a student needs.
 */
public final class SwitchError extends IllegalStateException {

    public SwitchError(String sentence) {
        super(sentence);
    }

    /** Records no frames, so the kernel prints the sentence alone. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
