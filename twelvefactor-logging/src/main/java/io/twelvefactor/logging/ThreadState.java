package io.twelvefactor.logging;

/**
 * What one thread reuses from event to event: its event, its encoder, its fluent builder and
 * its place in the output's queue. Only the owner thread touches it.
 */
final class ThreadState {

    /** The thread this state was made for. */
    final Thread owner = Thread.currentThread();
    /** The event the classic API, replays, JUL and System.Logger fill. */
    final LogEvent event = new LogEvent();
    final EventEncoder encoder;
    /** The fluent builder; another is made for a fluent call while this one is active. */
    final EventBuilder builder;
    /** Where this thread's line waits when the output is busy. */
    final Output.Slot slot = new Output.Slot();
    /** Set while this thread writes an event; an event nested in it uses a fresh event and encoder. */
    boolean busy;
    /** How many nested events are being written on this thread. */
    int nesting;
    /** How often this state took the writer's recent-state field. */
    int claims;
    /** The owner's MDC once it has one: a thread keeps its context object for life. */
    MdcAdapter.Context mdcContext;

    ThreadState(EventEncoder encoder, EventSink sink) {
        this.encoder = encoder;
        this.builder = new EventBuilder(sink);
    }
}
