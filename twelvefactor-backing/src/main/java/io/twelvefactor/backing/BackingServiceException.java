package io.twelvefactor.backing;

import java.util.Optional;

/**
 * A backing-service URL that cannot be used, or a descriptor that cannot be turned into what
 * a client asked for. The only exception type this module throws for bad input.
 *
 * <p>The message names the environment variable when there is one, the component at fault
 * ({@code scheme}, {@code user}, {@code password}, {@code host 2}, {@code port},
 * {@code database}, {@code query parameter sslmode}…), its 1-based character position in
 * the URL, what was wrong and how to fix it, for example:
 * <pre>DATABASE_URL: password at character 19: '%' must start a percent-encoding such as %40;
 * write a literal '%' as %25</pre>
 * It never contains the password, nor the URL itself: it is safe to log and to show to the
 * operator who set the variable.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class BackingServiceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @serial the environment variable the URL came from, or {@code null} */
    private final String variable;
    /** @serial the component at fault */
    private final String component;
    /** @serial 1-based character position, 0 when the fault is not at one place */
    private final int position;

    BackingServiceException(String variable, String component, int position, String problem) {
        super(message(variable, component, position, problem));
        this.variable = variable;
        this.component = component;
        this.position = position;
    }

    private static String message(String variable, String component, int position,
            String problem) {
        StringBuilder b = new StringBuilder(96);
        b.append(variable == null ? "backing service URL" : variable);
        if (!component.equals("url")) {
            b.append(": ").append(component);
        }
        if (position > 0) {
            b.append(" at character ").append(position);
        }
        return b.append(": ").append(problem).toString();
    }

    /**
     * The environment variable the URL was read from.
     *
     * @return the variable name, or empty when the URL was passed to
     *     {@link BackingService#parse(String)} directly
     */
    public Optional<String> variable() {
        return Optional.ofNullable(variable);
    }

    /**
     * The part of the URL at fault, as named in the message: {@code url}, {@code scheme},
     * {@code user}, {@code password}, {@code host}, {@code host 2}, {@code port},
     * {@code database}, {@code query}, {@code query parameter NAME}, {@code tls} or
     * {@code jdbc}.
     *
     * @return the component name, never empty
     */
    public String component() {
        return component;
    }

    /**
     * Where in the URL the fault was found.
     *
     * @return the 1-based character position, or 0 when the fault is not at one character
     *     (a missing variable, a conversion the descriptor cannot make)
     */
    public int position() {
        return position;
    }
}
