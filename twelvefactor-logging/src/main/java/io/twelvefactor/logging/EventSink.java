package io.twelvefactor.logging;

/**
 * Where a filled {@link LogEvent} goes to be written. The fluent builder hands its event here
 * without knowing the rest of the path.
 */
interface EventSink {

    /** Writes {@code event} (filled by the caller, who resets it afterwards); never throws. */
    void write(LogEvent event);
}
