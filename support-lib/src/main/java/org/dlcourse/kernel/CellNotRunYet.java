package org.dlcourse.kernel;

/**
 * What the kernel shows instead of JJava's compiler listing: the message alone, without a stack trace
 * (JJava prints an unknown exception's {@code toString()} and stack, both of which are just the message here).
 */
final class CellNotRunYet extends RuntimeException {

    CellNotRunYet(String message) {
        super(message, null, false, false);
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
