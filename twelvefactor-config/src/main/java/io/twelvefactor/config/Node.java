package io.twelvefactor.config;

import java.util.List;

/** One part of a binding plan: a value, a nested record or a list of records. Immutable, thread-safe. */
abstract class Node {
    /** Returned by {@link #bind} when a problem was recorded instead of a value. */
    static final Object FAILED = new Object();

    /** Binds this part, recording problems in {@code binding}; returns the value or {@link #FAILED}. */
    abstract Object bind(Binding binding);

    /**
     * The name of the first variable of this part that is set, or null. An empty or blank value
     * counts as unset, as it does when binding, except for a {@code String}; so does an empty
     * {@code _FILE}.
     */
    abstract String firstPresent(Binding binding);

    /** Whether any variable of this part is set, by the rule of {@link #firstPresent}. */
    final boolean isPresent(Binding binding) {
        return firstPresent(binding) != null;
    }

    /** Adds the variables this part reads. */
    abstract void describe(List<ConfigDescription.Variable> variables);
}
