package io.twelvefactor.config;

import java.util.List;

/** One part of a binding plan: a value, a nested record or a list of records. Immutable, thread-safe. */
abstract class Node {
    /** Returned by {@link #bind} when a problem was recorded instead of a value. */
    static final Object FAILED = new Object();

    /** Binds this part, recording problems in {@code binding}; returns the value or {@link #FAILED}. */
    abstract Object bind(Binding binding);

    /** Whether any variable of this part is present. */
    abstract boolean isPresent(Binding binding);

    /** Adds the variables this part reads. */
    abstract void describe(List<ConfigDescription.Variable> variables);
}
