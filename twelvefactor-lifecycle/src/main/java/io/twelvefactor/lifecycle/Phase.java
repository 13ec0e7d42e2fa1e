package io.twelvefactor.lifecycle;

/**
 * The stage of shutdown a hook belongs to. Phases run in declaration order; within a phase,
 * hooks run in reverse order of registration (last started, first stopped).
 */
public enum Phase {

    /** Stop taking new work: HTTP servers, queue consumers, schedulers. Runs first. */
    SERVERS,

    /** Finish work already taken: executors, batch writers, outbound queues. */
    WORKERS,

    /**
     * Release what the work used: connection pools, clients, files. Runs last, and is the
     * phase of {@link Shutdown#register(String, Hook)}.
     */
    RESOURCES
}
