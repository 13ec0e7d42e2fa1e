package io.twelvefactor.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Everything that is wrong with a configuration, reported at once. Thrown by
 * {@link Env#bind(Class)} when variables are missing or malformed, and when the config type
 * itself cannot be bound (a plan error, reported before any value is read).
 *
 * <p>The message lists every {@linkplain #problems() problem} on its own line. No message ever
 * contains the value of a {@link Secret}; other values are quoted only in their own problem and
 * truncated when long.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Serialisable copy of the problems. */
    private final ArrayList<Problem> problems;

    /**
     * Creates an exception carrying the given problems.
     *
     * @param problems at least one problem
     * @throws IllegalArgumentException if {@code problems} is empty
     * @throws NullPointerException if {@code problems} or one of its elements is null
     */
    public ConfigException(List<Problem> problems) {
        super(render(problems), null, false, true);
        this.problems = new ArrayList<>(problems);
    }

    /**
     * The exception for these problems, typed as its superclass: a bind that throws none never
     * loads this class (the verifier loads the type a method throws by name).
     */
    static RuntimeException of(List<Problem> problems) {
        return new ConfigException(problems);
    }

    /**
     * Every problem, in the order of the config type's components.
     *
     * @return an unmodifiable list with at least one element
     */
    public List<Problem> problems() {
        return Collections.unmodifiableList(problems);
    }

    private static String render(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        StringBuilder b = new StringBuilder();
        b.append(problems.size() == 1 ? "1 configuration problem:" : problems.size() + " configuration problems:");
        for (Problem p : problems) {
            b.append("\n  ").append(Objects.requireNonNull(p, "problem"));
        }
        return b.toString();
    }

    /**
     * One thing wrong with one variable.
     *
     * @param variable the environment variable concerned, for example {@code APP_PORT}
     *     ({@code DB_PASSWORD_FILE} for a secret file that cannot be read; the record's
     *     variables for a failed validation; the config type's name for a plan error that
     *     concerns no single variable)
     * @param source where the value came from or was looked for: {@code environment},
     *     {@code .env line 7}, {@code file /run/secrets/db (DB_PASSWORD_FILE)},
     *     {@code @Default of AppConfig.port}, {@code config type AppConfig} and so on
     * @param message what is wrong and what was expected, for example
     *     {@code "80x" is not a whole number; expected an integer from 1 to 65535}
     * @serial exclude
     */
    public record Problem(String variable, String source, String message) implements java.io.Serializable {
        /** Version of the serialised form. */
        private static final long serialVersionUID = 1L;

        /**
         * Checks that no part is null.
         *
         * @param variable the variable concerned
         * @param source where the value came from or was looked for
         * @param message what is wrong and what was expected
         * @throws NullPointerException if a part is null
         */
        public Problem {
            Objects.requireNonNull(variable, "variable");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(message, "message");
        }

        /**
         * Returns {@code VARIABLE (source): message}.
         *
         * @return the problem on one line
         */
        @Override
        public String toString() {
            return variable + " (" + source + "): " + message;
        }
    }
}
