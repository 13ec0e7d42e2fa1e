package io.twelvefactor.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/** Converts one trimmed, non-empty text to one value of one type. Immutable. */
final class Scalar {
    private static final int STRING = 0;
    private static final int INTEGRAL = 1;
    private static final int FLOATING = 2;
    private static final int BOOLEAN = 3;
    private static final int BIG_DECIMAL = 4;
    private static final int BIG_INTEGER = 5;
    private static final int ENUM = 6;
    private static final int DURATION = 7;
    private static final int URI_ = 8;
    private static final int PATH = 9;
    static final int METHOD = 10;
    static final int CONSTRUCTOR = 11;
    static final int CUSTOM = 12;
    private static final int BUILTIN = 13;

    /** The {@link #target} of an integer converter narrowed by {@code @Range}. */
    private static final Object RANGED = new Object();

    final Class<?> type;
    private final int kind;
    private final long min;
    private final long max;
    /** Enum constants, the factory {@link Method}, the {@link Constructor} or the custom function. */
    private final Object target;

    Scalar(Class<?> type, int kind, long min, long max, Object target) {
        this.type = type;
        this.kind = kind;
        this.min = min;
        this.max = max;
        this.target = target;
    }

    /** The converter for {@code type}, or null when the type has no text form we know. */
    static Scalar of(Class<?> type, Map<Class<?>, Function<String, ?>> custom) {
        Function<String, ?> function = custom.get(type);
        if (function != null) {
            return new Scalar(type, CUSTOM, 0, 0, function);
        }
        if (type == String.class) {
            return new Scalar(type, STRING, 0, 0, null);
        }
        if (type == int.class || type == Integer.class) {
            return new Scalar(type, INTEGRAL, Integer.MIN_VALUE, Integer.MAX_VALUE, null);
        }
        if (type == long.class || type == Long.class) {
            return new Scalar(type, INTEGRAL, Long.MIN_VALUE, Long.MAX_VALUE, null);
        }
        if (type == short.class || type == Short.class) {
            return new Scalar(type, INTEGRAL, Short.MIN_VALUE, Short.MAX_VALUE, null);
        }
        if (type == byte.class || type == Byte.class) {
            return new Scalar(type, INTEGRAL, Byte.MIN_VALUE, Byte.MAX_VALUE, null);
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return new Scalar(type, FLOATING, 0, 0, null);
        }
        if (type == boolean.class || type == Boolean.class) {
            return new Scalar(type, BOOLEAN, 0, 0, null);
        }
        if (type == BigDecimal.class) {
            return new Scalar(type, BIG_DECIMAL, 0, 0, null);
        }
        if (type == BigInteger.class) {
            return new Scalar(type, BIG_INTEGER, 0, 0, null);
        }
        if (type.isEnum()) {
            return new Scalar(type, ENUM, 0, 0, type.getEnumConstants());
        }
        if (type == Duration.class) {
            return new Scalar(type, DURATION, 0, 0, null);
        }
        if (type == URI.class) {
            return new Scalar(type, URI_, 0, 0, null);
        }
        if (type == Path.class) {
            return new Scalar(type, PATH, 0, 0, null);
        }
        // DataSize by name: a class literal would load the class for every config
        if (!isJdk(type) && !type.getName().equals("io.twelvefactor.config.DataSize")) {
            // checked first so that a config without table types never loads (and initialises) the table
            return Reflective.find(type);
        }
        Builtin builtin = Builtin.of(type);
        // a JDK type outside the table may act when constructed (new PrintWriter(String) truncates a file)
        return builtin == null ? null : new Scalar(type, BUILTIN, 0, 0, builtin);
    }

    /** Whether a type belongs to the JDK, which binds only from the {@link Builtin} table. */
    static boolean isJdk(Class<?> type) {
        String name = type.getName();
        return name.startsWith("java.") || name.startsWith("javax.");
    }

    /**
     * This integer converter narrowed to {@code [min, max]} (bounds beyond the type's are
     * narrowed to it), or null when this is not an integer converter.
     */
    Scalar narrowed(long min, long max) {
        if (kind != INTEGRAL) {
            return null;
        }
        return new Scalar(type, kind, Math.max(min, this.min), Math.min(max, this.max), RANGED);
    }

    /** Whether an empty value is a value (true only for {@code String}). */
    boolean keepsEmpty() {
        return kind == STRING;
    }

    /** Converts {@code text}, which is trimmed and non-empty unless the type is String. */
    Object convert(String text) throws Invalid {
        switch (kind) {
            case STRING: return text;
            case INTEGRAL: return box(Numbers.integer(text, min, max));
            case FLOATING: return box(Numbers.floating(text, type == float.class || type == Float.class));
            case BOOLEAN: return Numbers.bool(text);
            case BIG_DECIMAL: return Numbers.decimal(text);
            case BIG_INTEGER: Numbers.checkDigits(text); return new BigInteger(text);
            case ENUM: return enumConstant(text);
            case DURATION: return Numbers.duration(text);
            case URI_: return uri(text);
            case PATH: return path(text);
            case BUILTIN: return ((Builtin) target).parse(text);
            default: return Reflective.invoke(kind, type, target, text);
        }
    }

    private Object box(long value) {
        if (type == int.class || type == Integer.class) {
            return (int) value;
        }
        if (type == short.class || type == Short.class) {
            return (short) value;
        }
        if (type == byte.class || type == Byte.class) {
            return (byte) value;
        }
        return value;
    }

    private Object box(double value) {
        return type == float.class || type == Float.class ? (Object) (float) value : (Object) value;
    }

    private Object enumConstant(String text) throws Invalid {
        for (Object constant : (Object[]) target) {
            if (Text.equalsAsciiIgnoreCase(((Enum<?>) constant).name(), text)) {
                return constant;
            }
        }
        throw new Invalid("is not one of the allowed values");
    }

    // uri and path catch a supertype and cast: the verifier loads every class a catch clause
    // names, and these two are loaded by nothing else in a cold bind that needs neither

    private static Object uri(String text) throws Invalid {
        try {
            return new URI(text);
        } catch (Exception e) {
            if (!(e instanceof URISyntaxException)) {
                throw (RuntimeException) e;
            }
            URISyntaxException bad = (URISyntaxException) e;
            throw new Invalid("is not a URI: " + bad.getReason() + " at index " + bad.getIndex());
        }
    }

    private static Object path(String text) throws Invalid {
        try {
            return Path.of(text);
        } catch (RuntimeException e) {
            if (!(e instanceof InvalidPathException)) {
                throw e;
            }
            throw new Invalid("is not a path: " + ((InvalidPathException) e).getReason());
        }
    }

    /** What a valid value looks like, for messages and the variable table. */
    String expected() {
        switch (kind) {
            case STRING: return "any text";
            case INTEGRAL: return "an integer from " + min + " to " + max;
            case FLOATING: return "a finite decimal number such as 0.75 or 1e-3";
            case BOOLEAN: return "one of: true, false, yes, no, on, off, 1, 0 (any case)";
            case BIG_DECIMAL: return "a decimal number such as 12.50";
            case BIG_INTEGER: return "an integer of decimal digits";
            case ENUM: return "one of: " + constantNames() + " (any case)";
            case DURATION: return "a duration with a unit: ms, s, m, h or d (250ms, 30s, 5m, 1h, 2d), or ISO-8601 such as PT30S";
            case URI_: return "a URI";
            case PATH: return "a file system path";
            case BUILTIN: return ((Builtin) target).expected;
            default: return "a value " + Reflective.describe(kind, type, target) + " accepts";
        }
    }

    /** A short type name for the variable table. */
    String typeName() {
        switch (kind) {
            case STRING: return "string";
            case INTEGRAL: return target == RANGED ? "integer " + min + "-" + max : "integer";
            case FLOATING: case BIG_DECIMAL: return "number";
            case BIG_INTEGER: return "integer";
            case BOOLEAN: return "boolean";
            case ENUM: return constantNames().replace(", ", " | ");
            case DURATION: return "duration";
            case URI_: return "URI";
            case PATH: return "path";
            case BUILTIN: return ((Builtin) target).typeName;
            default: return type.getSimpleName();
        }
    }

    private String constantNames() {
        StringBuilder b = new StringBuilder();
        for (Object constant : (Object[]) target) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(((Enum<?>) constant).name().toLowerCase(java.util.Locale.ROOT));
        }
        return b.toString();
    }
}
