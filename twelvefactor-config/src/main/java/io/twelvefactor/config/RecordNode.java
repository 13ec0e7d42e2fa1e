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
    /** Per component read from one variable: its variable, else null. */
    private final String[] variableNames;
    /** Per component: its name in Java ({@code poolSize}) and in the environment without prefix ({@code POOL_SIZE}). */
    private final String[] componentNames;
    private final String[] unprefixedNames;

    RecordNode(Constructor<?> constructor, Node[] components, boolean optional, String variables,
               String[] componentNames, String[] unprefixedNames) {
        this.constructor = constructor;
        this.components = components;
        this.optional = optional;
        this.variables = variables;
        this.componentNames = componentNames;
        this.unprefixedNames = unprefixedNames;
        this.variableNames = new String[components.length];
        for (int i = 0; i < components.length; i++) {
            variableNames[i] = components[i] instanceof Leaf ? ((Leaf) components[i]).name : null;
        }
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
                String message = cause.getMessage() == null ? "" : cause.getMessage();
                binding.problem(attribute(message), "validation by " + constructor.getDeclaringClass().getSimpleName(),
                        redact(message, arguments, binding));
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

    /**
     * The variable a validation message is about: of this record's components read from one
     * variable, the one the message mentions first as a whole word, by its variable name
     * ({@code APP_PORT}) or that name without the record's prefix ({@code PORT}, as a check
     * from another module names it), or that the message begins with by component name
     * ({@code port must be ...}); else all of the record's variables.
     */
    String attribute(String message) {
        int best = Integer.MAX_VALUE;
        String found = variables;
        for (int i = 0; i < variableNames.length; i++) {
            if (variableNames[i] == null) {
                continue;
            }
            int at = Math.min(wordAt(message, variableNames[i]), wordAt(message, unprefixedNames[i]));
            if (wordAt(message, componentNames[i]) == 0) {
                at = 0;
            }
            if (at < best) {
                best = at;
                found = variableNames[i];
            }
        }
        return found;
    }

    /** Where {@code word} first occurs in {@code text} not inside a longer identifier, or MAX_VALUE. */
    private static int wordAt(String text, String word) {
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            int end = at + word.length();
            if ((at == 0 || !isWordChar(text.charAt(at - 1))) && (end == text.length() || !isWordChar(text.charAt(end)))) {
                return at;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }

    /**
     * The validation message with every secret value of this record hidden, and every
     * credential in a value read by this binding, then cut when long.
     */
    private static String redact(String message, Object[] arguments, Binding binding) {
        List<String> secrets = new ArrayList<>(binding.urlSecrets());
        for (Object argument : arguments) {
            Object value = argument instanceof Optional ? ((Optional<?>) argument).orElse(null) : argument;
            if (value instanceof Secret) {
                secrets.add(String.valueOf(((Secret<?>) value).value()));
            }
        }
        return Shown.foreign(message, secrets);
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
