package io.twelvefactor.config;

import java.util.Objects;

/**
 * A configuration value that is never printed. Declare a component as {@code Secret<String>}
 * (or {@code Secret<T>} for any bindable {@code T}) and logging the whole config record prints
 * {@code Secret[redacted]} in its place. The binder also keeps a secret's value out of every
 * {@link ConfigException} message, even when the value failed to convert.
 *
 * <p>Instances are immutable and thread-safe. Two secrets are equal when their values are.
 *
 * @param <T> the type of the value
 */
public final class Secret<T> {
    private final T value;

    private Secret(T value) {
        this.value = value;
    }

    /**
     * Wraps a value, for example to build a config record in a test.
     *
     * @param value the value
     * @param <T> the type of the value
     * @return the secret
     * @throws NullPointerException if {@code value} is null
     */
    public static <T> Secret<T> of(T value) {
        return new Secret<>(Objects.requireNonNull(value, "value"));
    }

    /**
     * Returns the value. Hand it straight to the client that needs it; do not log it.
     *
     * @return the value, never null
     */
    public T value() {
        return value;
    }

    /**
     * Returns {@code Secret[redacted]}, whatever the value.
     *
     * @return a fixed text
     */
    @Override
    public String toString() {
        return "Secret[redacted]";
    }

    /**
     * Compares the wrapped values.
     *
     * @param other the object to compare with
     * @return whether {@code other} is a secret with an equal value
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Secret && value.equals(((Secret<?>) other).value);
    }

    /**
     * Returns the hash code of the value.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
