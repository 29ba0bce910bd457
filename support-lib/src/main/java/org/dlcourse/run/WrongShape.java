package org.dlcourse.run;

/**
 * The first batch does not fit the network ({@link InputShapes}). The message says it all, so the cell shows
 * one line: no stack trace of its own, the engine's error only as the cause.
 */
public final class WrongShape extends IllegalArgumentException {

    public WrongShape(String message, Throwable engineError) {
        super(message, engineError);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
