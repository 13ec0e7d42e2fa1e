package io.twelvefactor.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Objects;

/**
 * The generic type of a record component, read from its signature string
 * ({@code Ljava/util/List<Ljava/lang/String;>;}) for the shapes a config uses: classes with
 * class arguments, nested to any depth. {@code RecordComponent.getGenericType()} gives the
 * same answer, but the JDK's signature parser it loads (some thirty classes that the JDK's
 * class-data archive leaves out) costs a cold bind more than the rest of its reflection; every
 * other shape (wildcards, type variables, arrays, inner classes of generic classes) and any
 * class that does not load is left to it. Immutable.
 */
final class Generic implements ParameterizedType {
    private final Class<?> raw;
    private final Type[] arguments;

    private Generic(Class<?> raw, Type[] arguments) {
        this.raw = raw;
        this.arguments = arguments;
    }

    /** The component's generic type, as {@link RecordComponent#getGenericType()} gives it. */
    static Type of(RecordComponent component) {
        String signature = component.getGenericSignature();
        if (signature == null) {
            return component.getType();
        }
        int[] at = {0};
        try {
            Type type = read(signature, at, component.getDeclaringRecord().getClassLoader());
            if (type != null && at[0] == signature.length()) {
                return type;
            }
        } catch (ClassNotFoundException | LinkageError e) {
            // the JDK's parser reports it its own way
        }
        return component.getGenericType();
    }

    @Override
    public Type[] getActualTypeArguments() {
        return arguments.clone();
    }

    @Override
    public Type getRawType() {
        return raw;
    }

    @Override
    public Type getOwnerType() {
        return raw.getDeclaringClass();
    }

    /** As the JDK writes it: {@code java.util.Map<java.lang.String, java.lang.Integer>}. */
    @Override
    public String getTypeName() {
        StringBuilder b = new StringBuilder(raw.getName()).append('<');
        for (int i = 0; i < arguments.length; i++) {
            b.append(i == 0 ? "" : ", ").append(arguments[i].getTypeName());
        }
        return b.append('>').toString();
    }

    @Override
    public String toString() {
        return getTypeName();
    }

    /** Equal to the JDK's own {@code ParameterizedType} of the same type, as its equals says. */
    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ParameterizedType)) {
            return false;
        }
        ParameterizedType that = (ParameterizedType) other;
        return raw.equals(that.getRawType()) && Objects.equals(getOwnerType(), that.getOwnerType())
                && Arrays.equals(arguments, that.getActualTypeArguments());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(arguments) ^ Objects.hashCode(getOwnerType()) ^ raw.hashCode();
    }

    /**
     * Reads {@code L pkg/Name <args>? ;} from {@code at[0]} and nothing else; null for any
     * other shape. A static method with its position in an array rather than a reader object:
     * one class fewer to load.
     */
    private static Type read(String s, int[] at, ClassLoader loader) throws ClassNotFoundException {
        if (at[0] >= s.length() || s.charAt(at[0]) != 'L') {
            return null;
        }
        int start = ++at[0];
        while (at[0] < s.length() && s.charAt(at[0]) != '<' && s.charAt(at[0]) != ';') {
            if (s.charAt(at[0]++) == '.') {
                return null; // an inner class of a generic class: the JDK's parser knows the owner rules
            }
        }
        if (at[0] >= s.length()) {
            return null;
        }
        Class<?> raw = Class.forName(s.substring(start, at[0]).replace('/', '.'), false, loader);
        if (s.charAt(at[0]) == ';') {
            at[0]++;
            return raw;
        }
        at[0]++;
        Type[] arguments = new Type[2];
        int n = 0;
        while (at[0] < s.length() && s.charAt(at[0]) != '>') {
            Type argument = read(s, at, loader);
            if (argument == null) {
                return null;
            }
            if (n == arguments.length) {
                arguments = Arrays.copyOf(arguments, 2 * n);
            }
            arguments[n++] = argument;
        }
        if (n == 0 || !s.startsWith(">;", at[0])) {
            return null;
        }
        at[0] += 2;
        return new Generic(raw, n == arguments.length ? arguments : Arrays.copyOf(arguments, n));
    }
}
