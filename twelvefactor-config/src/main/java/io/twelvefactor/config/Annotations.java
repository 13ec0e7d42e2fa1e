package io.twelvefactor.config;

import java.io.IOException;
import java.lang.reflect.RecordComponent;

/**
 * The values of {@link Prefix}, {@link Name}, {@link DeprecatedName}, {@link Default},
 * {@link Description} and {@link Range} on one
 * record type. They are read from the record's class file when it is available, because
 * reflection's annotation API builds a proxy class per annotation type, which costs more at
 * startup than the whole binding; otherwise (a class without a class file) through
 * reflection. Immutable.
 */
final class Annotations {
    private static final byte[] PREFIX = ascii("Lio/twelvefactor/config/Prefix;");
    private static final byte[] NAME = ascii("Lio/twelvefactor/config/Name;");
    private static final byte[] DEFAULT = ascii("Lio/twelvefactor/config/Default;");
    private static final byte[] DESCRIPTION = ascii("Lio/twelvefactor/config/Description;");
    private static final byte[] DEPRECATED_NAME = ascii("Lio/twelvefactor/config/DeprecatedName;");
    private static final byte[] RANGE = ascii("Lio/twelvefactor/config/Range;");
    private static final byte[] RUNTIME_VISIBLE = ascii("RuntimeVisibleAnnotations");
    private static final byte[] RECORD = ascii("Record");
    private static final byte[] VALUE = ascii("value");
    private static final byte[] MIN = ascii("min");
    private static final byte[] INIT = ascii("<init>");
    private static final byte[] PARSE = ascii("parse");
    private static final byte[] VALUE_OF = ascii("valueOf");
    private static final byte[] OF = ascii("of");
    private static final int ACC_PUBLIC = 0x0001;
    private static final int ACC_STATIC = 0x0008;

    /** {@link #textForm}: not known (no class file read), none, or some text factory. */
    static final int UNKNOWN = 0;
    static final int NONE = 1;
    static final int SOME = 2;

    String prefix;
    /** Whether the values came from the class file (for tests: reflection gives the same). */
    boolean fromClassFile;
    /**
     * Whether the class file declares a public text factory or String constructor, the methods
     * {@code Scalar} binds a type through ({@link #SOME}, {@link #NONE}, or {@link #UNKNOWN}):
     * a record without one is bound component by component, which the planner then knows
     * without asking reflection for every public method.
     */
    int textForm;
    /** The record's components, as {@code getRecordComponents()} gave them. */
    final RecordComponent[] components;
    /** Per component, in declaration order: the value of @Name, @Default and @Description, or null. */
    final String[] names;
    final String[] defaults;
    final String[] descriptions;
    final String[] deprecatedNames;
    /** Per component: whether it has @Range, and its bounds (the annotation's defaults when not written). */
    final boolean[] ranged;
    final long[] mins;
    final long[] maxes;

    private Annotations(RecordComponent[] all) {
        this.components = all;
        int components = all.length;
        deprecatedNames = new String[components];
        names = new String[components];
        defaults = new String[components];
        descriptions = new String[components];
        ranged = new boolean[components];
        mins = new long[components];
        maxes = new long[components];
        java.util.Arrays.fill(mins, Long.MIN_VALUE);
        java.util.Arrays.fill(maxes, Long.MAX_VALUE);
    }

    /** The bytes of an ASCII string, without the charset machinery. */
    private static byte[] ascii(String s) {
        byte[] b = new byte[s.length()];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) s.charAt(i);
        }
        return b;
    }

    static Annotations of(Class<?> type, RecordComponent[] components) {
        ClassFiles files = new ClassFiles();
        try {
            return of(type, components, files);
        } finally {
            files.close();
        }
    }

    static Annotations of(Class<?> type, RecordComponent[] components, ClassFiles files) {
        Annotations a = new Annotations(components);
        try {
            byte[] bytes = files.read(type);
            if (bytes != null && a.parse(bytes, type, files)) {
                a.fromClassFile = true;
                return a;
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable or unexpected class file: reflection below gives the same answer
        }
        return reflect(type, components);
    }


    static Annotations reflect(Class<?> type, RecordComponent[] components) {
        Annotations a = new Annotations(components);
        Prefix prefix = type.getAnnotation(Prefix.class);
        a.prefix = prefix == null ? null : prefix.value();
        for (int i = 0; i < components.length; i++) {
            Name name = components[i].getAnnotation(Name.class);
            Default literal = components[i].getAnnotation(Default.class);
            Description description = components[i].getAnnotation(Description.class);
            DeprecatedName old = components[i].getAnnotation(DeprecatedName.class);
            a.deprecatedNames[i] = old == null ? null : old.value();
            Range range = components[i].getAnnotation(Range.class);
            if (range != null) {
                a.ranged[i] = true;
                a.mins[i] = range.min();
                a.maxes[i] = range.max();
            }
            a.names[i] = name == null ? null : name.value();
            a.defaults[i] = literal == null ? null : literal.value();
            a.descriptions[i] = description == null ? null : description.value();
        }
        return a;
    }

    /**
     * Parses the class file (JVMS chapter 4); returns false when it does not match the
     * components. Works on the bytes in place: of the constant pool's strings only the few an
     * annotation holds are decoded, the names it compares are compared as bytes.
     */
    private boolean parse(byte[] b, Class<?> type, ClassFiles files) throws IOException {
        ClassFiles in = files.start(b);
        if (in.u4() != 0xCAFEBABE) {
            return false;
        }
        in.at += 4;
        int[] pool = new int[in.u2()];
        for (int i = 1; i < pool.length; i++) {
            int tag = in.u1();
            pool[i] = in.at;
            switch (tag) {
                case 1: in.skip(in.u2()); break;
                case 7: case 8: case 16: case 19: case 20: in.at += 2; break;
                case 15: in.at += 3; break;
                case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18: in.at += 4; break;
                case 5: case 6: in.at += 8; i++; break;
                default: return false;
            }
        }
        in.pool = pool;
        in.at += 6;
        in.skip(2 * in.u2());
        byte[][] factories = factoryDescriptors(type);
        textForm = factories == null ? UNKNOWN : NONE;
        for (int members = 0; members < 2; members++) {
            for (int n = in.u2(); n > 0; n--) {
                int flags = in.u2();
                int name = in.u2();
                int descriptor = in.u2();
                if (members == 1 && factories != null && isTextFactory(in, flags, name, descriptor, factories)) {
                    textForm = SOME;
                }
                for (int attributes = in.u2(); attributes > 0; attributes--) {
                    in.at += 2;
                    in.skip(in.u4());
                }
            }
        }
        boolean sawRecord = false;
        for (int n = in.u2(); n > 0; n--) {
            int name = in.u2();
            int length = in.u4();
            if (in.is(name, RUNTIME_VISIBLE)) {
                annotations(in, -1);
            } else if (in.is(name, RECORD)) {
                if (in.u2() != names.length) {
                    return false;
                }
                sawRecord = true;
                for (int c = 0; c < names.length; c++) {
                    in.at += 4;
                    for (int attributes = in.u2(); attributes > 0; attributes--) {
                        int attribute = in.u2();
                        int size = in.u4();
                        if (in.is(attribute, RUNTIME_VISIBLE)) {
                            annotations(in, c);
                        } else {
                            in.at += size;
                        }
                    }
                }
            } else {
                in.at += length;
            }
        }
        return sawRecord;
    }

    /**
     * The descriptors of the text factories {@code Scalar} looks for on {@code type}:
     * {@code (String)type} for valueOf, of and parse, {@code (CharSequence)type} for parse, and
     * the {@code (String)} constructor; null when the class name is not ASCII (compared as bytes).
     */
    private static byte[][] factoryDescriptors(Class<?> type) {
        String name = type.getName();
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                return null;
            }
        }
        String self = "L" + name.replace('.', '/') + ";";
        return new byte[][] {ascii("(Ljava/lang/String;)" + self), ascii("(Ljava/lang/CharSequence;)" + self),
            ascii("(Ljava/lang/String;)V")};
    }

    /**
     * Whether a method is one {@code Scalar} would bind the type through: public static
     * {@code valueOf}, {@code of} or {@code parse} from a String returning the type (a record is
     * final, so no other return type is assignable to it), {@code parse} from a CharSequence, or a
     * public constructor from a String.
     */
    private static boolean isTextFactory(ClassFiles in, int flags, int name, int descriptor, byte[][] factories) {
        if ((flags & ACC_PUBLIC) == 0) {
            return false;
        }
        if (in.is(name, INIT)) {
            return in.is(descriptor, factories[2]);
        }
        if ((flags & ACC_STATIC) == 0) {
            return false;
        }
        if (in.is(name, PARSE)) {
            return in.is(descriptor, factories[0]) || in.is(descriptor, factories[1]);
        }
        return (in.is(name, VALUE_OF) || in.is(name, OF)) && in.is(descriptor, factories[0]);
    }

    private void annotations(ClassFiles in, int component) throws IOException {
        for (int n = in.u2(); n > 0; n--) {
            int type = in.u2();
            boolean range = component >= 0 && in.is(type, RANGE);
            if (range) {
                ranged[component] = true;
            }
            for (int pairs = in.u2(); pairs > 0; pairs--) {
                int element = in.u2();
                int tag = in.u1();
                if (tag == 's' && in.is(element, VALUE)) {
                    store(in, type, in.string(in.u2()), component);
                } else if (tag == 'J' && range) {
                    long bound = in.long8(in.u2());
                    if (in.is(element, MIN)) {
                        mins[component] = bound;
                    } else {
                        maxes[component] = bound;
                    }
                } else {
                    skipValue(in, tag);
                }
            }
        }
    }

    private void store(ClassFiles in, int type, String value, int component) {
        if (component < 0) {
            if (in.is(type, PREFIX)) {
                prefix = value;
            }
        } else if (in.is(type, NAME)) {
            names[component] = value;
        } else if (in.is(type, DEFAULT)) {
            defaults[component] = value;
        } else if (in.is(type, DESCRIPTION)) {
            descriptions[component] = value;
        } else if (in.is(type, DEPRECATED_NAME)) {
            deprecatedNames[component] = value;
        }
    }

    private static void skipValue(ClassFiles in, int tag) {
        switch (tag) {
            case 'e': in.at += 4; break;
            case '@':
                in.at += 2;
                for (int pairs = in.u2(); pairs > 0; pairs--) {
                    in.at += 2;
                    skipValue(in, in.u1());
                }
                break;
            case '[':
                for (int n = in.u2(); n > 0; n--) {
                    skipValue(in, in.u1());
                }
                break;
            default: in.at += 2;
        }
    }
}
