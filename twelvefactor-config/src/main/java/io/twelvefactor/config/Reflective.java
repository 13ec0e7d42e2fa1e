package io.twelvefactor.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.function.Function;

/**
 * The {@link Scalar}s found and called by reflection: a type's public static text factory or
 * {@code String} constructor, and registered converters. Apart from {@code Scalar}, so that a
 * config of built-in types never loads this class and the exception types it catches.
 */
final class Reflective {
    /** How many text factory forms there are; {@link #factoryRank} returns this for none. */
    private static final int FACTORIES = 4;

    private Reflective() {
    }

    /** The converter through a text factory or a {@code String} constructor of {@code type}, or null. */
    static Scalar find(Class<?> type) {
        if (!Modifier.isPublic(type.getModifiers()) || type.isPrimitive() || type.isArray()
                || type.isInterface() && type.getTypeParameters().length > 0) {
            return null;
        }
        // one pass over the public methods instead of a getMethod per form: a failed getMethod
        // throws, and at startup those exceptions cost more than the rest of the plan
        Method best = null;
        int bestRank = FACTORIES;
        for (Method m : type.getMethods()) {
            if (m.getParameterCount() == 1 && Modifier.isStatic(m.getModifiers())
                    && type.isAssignableFrom(m.getReturnType())) {
                int rank = factoryRank(m.getName(), m.getParameterTypes()[0]);
                if (rank < bestRank) {
                    best = m;
                    bestRank = rank;
                }
            }
        }
        if (best != null) {
            return new Scalar(type, Scalar.METHOD, 0, 0, best);
        }
        if (!Modifier.isAbstract(type.getModifiers())) {
            for (Constructor<?> c : type.getConstructors()) {
                if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == String.class) {
                    return new Scalar(type, Scalar.CONSTRUCTOR, 0, 0, c);
                }
            }
        }
        return null;
    }

    /** The order in which text factories are preferred: valueOf(String), of(String), parse(String), parse(CharSequence). */
    private static int factoryRank(String name, Class<?> parameter) {
        if (parameter == String.class) {
            return name.equals("valueOf") ? 0 : name.equals("of") ? 1 : name.equals("parse") ? 2 : FACTORIES;
        }
        return parameter == CharSequence.class && name.equals("parse") ? 3 : FACTORIES;
    }

    /** Converts {@code text} with the factory, constructor or converter {@code target} of a scalar of this {@code kind}. */
    static Object invoke(int kind, Class<?> type, Object target, String text) throws Invalid {
        Object result;
        try {
            if (kind == Scalar.CUSTOM) {
                @SuppressWarnings("unchecked")
                Function<String, ?> function = (Function<String, ?>) target;
                result = function.apply(text);
            } else if (kind == Scalar.METHOD) {
                result = ((Method) target).invoke(null, text);
            } else {
                result = ((Constructor<?>) target).newInstance(text);
            }
        } catch (InvocationTargetException e) {
            // any exception, checked ones too (new URL(String) throws MalformedURLException), is a
            // rejected value; wrapping it instead would carry the value out in the cause's message
            Throwable cause = e.getCause();
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw rejected(kind, type, target, cause);
        } catch (IllegalAccessException | InstantiationException e) {
            throw new IllegalStateException(describe(kind, type, target) + " is not accessible", e);
        } catch (RuntimeException e) {
            throw rejected(kind, type, target, e);
        }
        if (result == null) {
            throw new Invalid(describe(kind, type, target) + " returned null", false);
        }
        return result;
    }

    private static Invalid rejected(int kind, Class<?> type, Object target, Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
        return new Invalid("was rejected by " + describe(kind, type, target) + ": " + message, true);
    }

    /** How a message names the factory: {@code Url.parse(String)}, {@code new Url(String)}, or the converter. */
    static String describe(int kind, Class<?> type, Object target) {
        if (kind == Scalar.METHOD) {
            Method m = (Method) target;
            return type.getSimpleName() + "." + m.getName() + "(" + m.getParameterTypes()[0].getSimpleName() + ")";
        }
        return kind == Scalar.CONSTRUCTOR ? "new " + type.getSimpleName() + "(String)" : "the converter for " + type.getName();
    }
}
