package io.twelvefactor.config;

/** A value that does not convert; the message says what is wrong without quoting the value. */
final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    /** Whether the message comes from user code (a parse method) and may quote the value. */
    final boolean foreign;

    Invalid(String message) {
        this(message, false);
    }

    Invalid(String message, boolean foreign) {
        super(message, null, false, false);
        this.foreign = foreign;
    }
}
