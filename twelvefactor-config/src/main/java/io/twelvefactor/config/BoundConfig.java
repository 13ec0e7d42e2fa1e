package io.twelvefactor.config;

import java.util.List;
import java.util.Objects;

/**
 * A bound config with where each of its variables came from, from
 * {@link Env.Source#bindWithOrigins(Class)}: print {@link #toString()} at startup so that an
 * operator sees which value won. No value is ever shown, so secrets are safe; only the
 * variable names and their sources. Immutable when the config is.
 *
 * @param config the bound config
 * @param origins one entry per variable read, in the order of the record's components
 * @param warnings the warnings of the bind (deprecated names, variables no component reads);
 *     they also went to {@link Env.Builder#warnings}
 * @param <T> the config type
 */
public record BoundConfig<T>(T config, List<Origin> origins, List<ConfigException.Problem> warnings) {
    /**
     * Copies the lists.
     *
     * @param config the bound config
     * @param origins where each variable came from
     * @param warnings the warnings of the bind
     * @throws NullPointerException if an argument or an element is null
     */
    public BoundConfig {
        Objects.requireNonNull(config, "config");
        origins = List.copyOf(origins);
        warnings = List.copyOf(warnings);
    }

    /**
     * One line per variable, {@code NAME  source}, the names padded to one column:
     * <pre>
     * APP_PORT          environment
     * APP_DB_PASSWORD   file /run/secrets/db (APP_DB_PASSWORD_FILE)
     * APP_LOG_LEVEL     @Default
     * </pre>
     *
     * @return the table, each line ending with a line break; never a value
     */
    @Override
    public String toString() {
        int width = 0;
        for (Origin o : origins) {
            width = Math.max(width, o.variable().length());
        }
        StringBuilder b = new StringBuilder();
        for (Origin o : origins) {
            b.append(o.variable());
            for (int i = o.variable().length(); i < width + 2; i++) {
                b.append(' ');
            }
            b.append(o.source()).append('\n');
        }
        return b.toString();
    }

    /** Where a value came from. */
    public enum Kind {
        /** The process environment, or the map the source reads. */
        ENVIRONMENT,
        /** The file named by {@code X_FILE}. */
        FILE,
        /** A file of a config tree ({@link Env.Builder#directory}). */
        DIRECTORY,
        /** A line of the {@code .env} file. */
        DOT_ENV,
        /** The component's {@link Default}. */
        DEFAULT,
        /** Nothing: an empty {@code Optional}, {@code List}, {@code Set} or {@code Map}. */
        UNSET
    }

    /**
     * Where one variable's value came from.
     *
     * @param variable the variable read, for example {@code APP_DB_PASSWORD} (the deprecated
     *     name when that one was read)
     * @param kind the kind of source
     * @param source the source as problems name it: {@code environment},
     *     {@code file /run/secrets/db (APP_DB_PASSWORD_FILE)},
     *     {@code file /etc/config/APP_PORT (directory /etc/config)}, {@code .env line 4},
     *     {@code @Default} or {@code unset}
     */
    public record Origin(String variable, Kind kind, String source) {
        /**
         * Checks that no part is null.
         *
         * @param variable the variable
         * @param kind the kind of source
         * @param source the source
         * @throws NullPointerException if a part is null
         */
        public Origin {
            Objects.requireNonNull(variable, "variable");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(source, "source");
        }
    }
}
