package io.twelvefactor.logging;

/**
 * A logger's name as an event carries it: the name, and the bytes the format writes for it, built
 * once per logger. Immutable.
 */
final class LoggerName {

    final String name;
    /** The format's bytes from the end of the message to the thread name, with this name. */
    final byte[] part;
    /** Where encoders keep this logger's bytes with their thread's name. */
    final int slot;

    LoggerName(String name, byte[] part) {
        this.name = name;
        this.part = part;
        this.slot = name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
