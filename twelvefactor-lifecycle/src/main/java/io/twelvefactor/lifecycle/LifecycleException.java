package io.twelvefactor.lifecycle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Thrown when the lifecycle settings are invalid ({@code SHUTDOWN_TIMEOUT},
 * {@code SHUTDOWN_DELAY}, {@code HEALTH_PORT}) or the probe server cannot listen. It carries
 * every problem at once, each naming the variable, its value and what was expected.
 */
public final class LifecycleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The problems, one sentence each. */
    private final ArrayList<String> problems;

    LifecycleException(List<String> problems) {
        super(message(problems));
        this.problems = new ArrayList<>(problems);
    }

    /**
     * Throws one for these problems. Called where a {@code throw} statement would load this
     * class whenever the caller's class is verified, at startup, though it is thrown only for
     * invalid settings.
     */
    static void raise(List<String> problems) {
        throw new LifecycleException(problems);
    }

    /**
     * Returns every problem found, one sentence each, in the order the variables were read.
     *
     * @return an immutable, non-empty list
     */
    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }

    private static String message(List<String> problems) {
        StringBuilder b = new StringBuilder("twelvefactor-lifecycle settings are invalid:");
        for (String p : problems) {
            b.append("\n  - ").append(p);
        }
        return b.toString();
    }
}
