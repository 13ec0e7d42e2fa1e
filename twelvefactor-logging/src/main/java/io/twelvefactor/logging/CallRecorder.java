package io.twelvefactor.logging;

import java.util.Arrays;

/**
 * The call recorder: every call an event makes into application objects ({@code toString()},
 * {@code getMessage()}, {@code getStackTrace()}, {@code getCause()}, a marker's name), guarded so
 * that a misbehaving object turns into a marker text instead of an exception, and recorded with
 * its result in call order.
 *
 * <p>An oversized line is written again with limits; that writing {@link #replay replays} the
 * results, so no {@code toString()} runs twice (one that logs would log twice) and both writings
 * see one text. {@link #forget} ends every event and drops the objects. One instance per encoder.
 */
final class CallRecorder {

    static final String FAILED = "[FAILED toString()]";
    static final StackTraceElement[] NO_FRAMES = new StackTraceElement[0];
    private static final Throwable[] NO_THROWABLES = new Throwable[0];
    /** The recorded result of a call that threw. */
    private static final Object THREW = new Object();
    /** Whether a class of exceptions keeps {@link Throwable#toString()} as it is. */
    private static final ClassValue<Boolean> PLAIN_TEXT = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("toString").getDeclaringClass() == Throwable.class;
            } catch (NoSuchMethodException | RuntimeException e) {
                return false;
            }
        }
    };

    /** The kinds of call, each with its guarded implementation. */
    private enum Kind {
        TO_STRING {
            @Override
            Object invoke(Object on) {
                return safeToString(on);
            }
        },
        MESSAGE {
            @Override
            Object invoke(Object on) {
                return safeMessage((Throwable) on);
            }
        },
        LOCALIZED_MESSAGE {
            @Override
            Object invoke(Object on) {
                try {
                    return ((Throwable) on).getLocalizedMessage();
                } catch (Throwable e) {
                    return THREW;
                }
            }
        },
        FRAMES {
            @Override
            Object invoke(Object on) {
                try {
                    StackTraceElement[] frames = ((Throwable) on).getStackTrace();
                    return frames == null ? NO_FRAMES : frames;
                } catch (Throwable e) {
                    return NO_FRAMES;
                }
            }
        },
        SUPPRESSED {
            @Override
            Object invoke(Object on) {
                try {
                    Throwable[] s = ((Throwable) on).getSuppressed();
                    return s == null ? NO_THROWABLES : s;
                } catch (Throwable e) {
                    return NO_THROWABLES;
                }
            }
        },
        CAUSE {
            @Override
            Object invoke(Object on) {
                try {
                    Throwable c = ((Throwable) on).getCause();
                    return c == on ? null : c;
                } catch (Throwable e) {
                    return null;
                }
            }
        },
        MARKER_NAME {
            @Override
            Object invoke(Object on) {
                if (!(on instanceof org.slf4j.Marker)) {
                    return safeToString(on);
                }
                try {
                    String name = ((org.slf4j.Marker) on).getName();
                    return name == null ? "null" : name;
                } catch (Throwable t) {
                    return "[FAILED getName()]";
                }
            }
        };

        abstract Object invoke(Object on);
    }

    private static final int RETAINED_CALLS = 256;
    private Object[] calledOn = new Object[8];
    private Object[] results = new Object[8];
    private Kind[] kinds = new Kind[8];
    private int calls;
    /** -1 while an event is written the first time; then where the next result is looked for. */
    private int replayFrom = -1;

    /**
     * Starts another writing of the same event, which takes the results earlier writings
     * recorded ({@link #forget} ends every event).
     */
    void replay() {
        replayFrom = 0;
    }

    /** Drops the recorded calls and their objects. */
    void forget() {
        if (calls > 0) {
            if (calledOn.length > RETAINED_CALLS) {
                calledOn = new Object[8];
                results = new Object[8];
                kinds = new Kind[8];
            } else {
                Arrays.fill(calledOn, 0, calls, null);
                Arrays.fill(results, 0, calls, null);
            }
            calls = 0;
        }
        replayFrom = -1;
    }

    /** {@link #safeToString} of an application object, called once per event. */
    String textOf(Object o) {
        return o == null ? "null" : (String) call(Kind.TO_STRING, o);
    }

    /**
     * An exception's text as {@link Throwable#toString()} makes it, called once per event. When
     * the exception's class keeps that method, the text is put together here from the class name
     * and the one recorded call to {@code getLocalizedMessage()}, as the method does; so
     * {@link #writeText} and this method give the same text for one event.
     */
    String throwableText(Throwable t) {
        if (!PLAIN_TEXT.get(t.getClass())) {
            return textOf(t);
        }
        Object message = call(Kind.LOCALIZED_MESSAGE, t);
        if (message == THREW) {
            return FAILED;
        }
        String name = t.getClass().getName();
        return message == null ? name : name + ": " + message;
    }

    /**
     * Writes {@link #throwableText} into the current string of {@code out}; without building the
     * text when the exception's class keeps {@link Throwable#toString()}.
     */
    void writeText(Throwable t, LineBuffer out) {
        if (!PLAIN_TEXT.get(t.getClass())) {
            out.text(textOf(t));
            return;
        }
        Object message = call(Kind.LOCALIZED_MESSAGE, t);
        if (message == THREW) {
            out.text(FAILED);
            return;
        }
        out.text(t.getClass().getName());
        if (message != null) {
            out.text(": ");
            out.text((String) message);
        }
    }

    /** {@link #safeMessage} of an exception, called once per event. */
    String messageOf(Throwable t) {
        return (String) call(Kind.MESSAGE, t);
    }

    /** A marker's name ("null" for a null marker or name), called once per event. */
    String nameOf(Object marker) {
        return marker == null ? "null" : (String) call(Kind.MARKER_NAME, marker);
    }

    /** An exception's frames, never null, called once per event. */
    StackTraceElement[] framesOf(Throwable t) {
        return (StackTraceElement[]) call(Kind.FRAMES, t);
    }

    /** An exception's suppressed exceptions, never null, called once per event. */
    Throwable[] suppressedOf(Throwable t) {
        return (Throwable[]) call(Kind.SUPPRESSED, t);
    }

    /** An exception's cause, or null (also for an exception that is its own cause). */
    Throwable causeOf(Throwable t) {
        return (Throwable) call(Kind.CAUSE, t);
    }

    /**
     * The result of {@code kind} on {@code on}: recorded by an earlier writing of the event, or
     * called now and recorded. A later writing makes mostly the same calls in the same order, so
     * the search starts after the last result it took.
     */
    private Object call(Kind kind, Object on) {
        if (replayFrom >= 0) {
            for (int i = replayFrom; i < calls; i++) {
                if (calledOn[i] == on && kinds[i] == kind) {
                    replayFrom = i + 1;
                    return results[i];
                }
            }
            for (int i = 0; i < replayFrom && i < calls; i++) {
                if (calledOn[i] == on && kinds[i] == kind) {
                    replayFrom = i + 1;
                    return results[i];
                }
            }
        }
        Object result = kind.invoke(on);
        if (calls == calledOn.length) {
            calledOn = Arrays.copyOf(calledOn, calls * 2);
            results = Arrays.copyOf(results, calls * 2);
            kinds = Arrays.copyOf(kinds, calls * 2);
        }
        calledOn[calls] = on;
        results[calls] = result;
        kinds[calls] = kind;
        calls++;
        if (replayFrom >= 0) {
            replayFrom = calls;
        }
        return result;
    }

    /** {@code o.toString()} (arrays by their content), or a marker text if it throws. */
    static String safeToString(Object o) {
        if (o == null) {
            return "null";
        }
        try {
            String s;
            if (o instanceof Object[]) {
                s = Arrays.deepToString((Object[]) o);
            } else if (o.getClass().isArray()) {
                s = primitiveArrayToString(o);
            } else {
                s = o.toString();
            }
            return s == null ? "null" : s;
        } catch (Throwable t) {
            return FAILED;
        }
    }

    private static String primitiveArrayToString(Object a) {
        if (a instanceof int[]) {
            return Arrays.toString((int[]) a);
        } else if (a instanceof long[]) {
            return Arrays.toString((long[]) a);
        } else if (a instanceof byte[]) {
            return Arrays.toString((byte[]) a);
        } else if (a instanceof char[]) {
            return Arrays.toString((char[]) a);
        } else if (a instanceof short[]) {
            return Arrays.toString((short[]) a);
        } else if (a instanceof boolean[]) {
            return Arrays.toString((boolean[]) a);
        } else if (a instanceof float[]) {
            return Arrays.toString((float[]) a);
        }
        return Arrays.toString((double[]) a);
    }

    /** The exception's message, or null; a throwing {@code getMessage()} yields a marker. */
    static String safeMessage(Throwable t) {
        try {
            return t.getMessage();
        } catch (Throwable e) {
            return "[FAILED getMessage()]";
        }
    }
}
