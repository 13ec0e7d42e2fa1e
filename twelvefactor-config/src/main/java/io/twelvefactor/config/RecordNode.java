package io.twelvefactor.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A record bound through its canonical constructor, optionally wrapped in {@code Optional}. */
final class RecordNode extends Node {
    private final Constructor<?> constructor;
    private final Node[] components;
    private final boolean optional;
    /** The variables the record's validation concerns, for a problem it raises. */
    private final String variables;

    RecordNode(Constructor<?> constructor, Node[] components, boolean optional, String variables) {
        this.constructor = constructor;
        this.components = components;
        this.optional = optional;
        this.variables = variables;
    }

    @Override
    Object bind(Binding binding) {
        if (optional) {
            if (!isPresent(binding)) {
                return Optional.empty();
            }
            Object value = construct(binding);
            return value == FAILED ? FAILED : Optional.of(value);
        }
        return construct(binding);
    }

    private Object construct(Binding binding) {
        Object[] arguments = new Object[components.length];
        boolean failed = false;
        for (int i = 0; i < arguments.length; i++) {
            Object value = components[i].bind(binding);
            failed |= value == FAILED;
            arguments[i] = value;
        }
        if (failed) {
            return FAILED;
        }
        try {
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException) {
                binding.problem(variables, "validation by " + constructor.getDeclaringClass().getSimpleName(),
                        redact(cause.getMessage(), arguments));
                return FAILED;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(constructor + " threw a checked exception", cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot call " + constructor, e);
        }
    }

    /** The validation message with every secret value of this record hidden, then cut when long. */
    private static String redact(String message, Object[] arguments) {
        List<String> secrets = new ArrayList<>();
        for (Object argument : arguments) {
            Object value = argument instanceof Optional ? ((Optional<?>) argument).orElse(null) : argument;
            if (value instanceof Secret) {
                secrets.add(String.valueOf(((Secret<?>) value).value()));
            }
        }
        return Text.foreign(message, secrets);
    }

    @Override
    String firstPresent(Binding binding) {
        for (Node component : components) {
            String found = component.firstPresent(binding);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    @Override
    void describe(List<ConfigDescription.Variable> variables) {
        for (Node component : components) {
            component.describe(variables);
        }
    }
}
