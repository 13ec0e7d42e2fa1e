package io.twelvefactor.config;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipFile;

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
            byte[] bytes = classFile(type, files);
            if (bytes != null && a.parse(bytes, type, files)) {
                a.fromClassFile = true;
                return a;
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable or unexpected class file: reflection below gives the same answer
        }
        return reflect(type, components);
    }

    /**
     * The bytes of a class file, or null. {@code Class.getResourceAsStream} goes through a
     * {@code URL} and a {@code JarURLConnection}, which in a fresh JVM costs milliseconds per
     * class (more than the rest of a bind); so a class in a named module is read through its
     * module, one in a jar or directory on the class path straight from that file (the JDK
     * shares the jar's open central directory with its class loader), anything else through
     * {@code getResourceAsStream}.
     */
    static byte[] classFile(Class<?> type, ClassFiles files) throws IOException {
        String entry = type.getName().replace('.', '/') + ".class";
        Module module = type.getModule();
        if (module.isNamed()) {
            try (InputStream in = module.getResourceAsStream(entry)) {
                return in == null ? null : in.readAllBytes();
            }
        }
        Path location = files.location(type);
        if (location != null && files.inDirectory) {
            Path file = location.resolve(entry);
            return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
        }
        if (location != null && files.inJar) {
            JarFile jar = files.open(location);
            JarEntry found = jar.getJarEntry(entry);
            if (found != null) {
                try (InputStream in = jar.getInputStream(found)) {
                    return in.readAllBytes();
                }
            }
        }
        String file = type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class";
        try (InputStream in = type.getResourceAsStream(file)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    /** The directory or jar of a code source, when it is a local file; else null. */
    private static Path location(CodeSource source) {
        try {
            URL url = source == null ? null : source.getLocation();
            return url == null || !"file".equals(url.getProtocol()) ? null : Path.of(url.toURI());
        } catch (Exception e) {
            // SecurityException, URISyntaxException, IllegalArgumentException,
            // FileSystemNotFoundException: no local file. Caught as Exception, because the
            // verifier loads each class a catch names, and this runs on every cold bind.
            return null;
        }
    }

    /**
     * Reads the class files of one plan's records: the jar last read from, kept open (nested
     * records usually sit in the same jar, and opening a jar, even one whose central directory
     * the class loader already shares, costs a fresh JVM a few hundred microseconds), and a
     * cursor over the class file being parsed (here rather than in a class of its own, one
     * class fewer for a cold bind to load). Not thread-safe; one per plan, closed when the plan
     * is built.
     */
    static final class ClassFiles {
        private Path location;
        private JarFile jar;
        /** The class file being parsed, the read position, and where each constant starts (after its tag). */
        private byte[] b;
        int at;
        int[] pool;
        /** The code source last asked about, its local file or null, and what kind of file that is. */
        private CodeSource source;
        private Path sourceLocation;
        boolean inDirectory;
        boolean inJar;

        ClassFiles() {
        }

        /**
         * The directory or jar a class was loaded from, when it is a local file; else null.
         * Kept for the last code source: the records of one config usually share one.
         */
        Path location(Class<?> type) {
            CodeSource cs = type.getProtectionDomain().getCodeSource();
            if (cs == null || cs != source) {
                source = cs;
                sourceLocation = Annotations.location(cs);
                inDirectory = sourceLocation != null && Files.isDirectory(sourceLocation);
                inJar = sourceLocation != null && !inDirectory && Files.isRegularFile(sourceLocation);
            }
            return sourceLocation;
        }

        /** The open jar at {@code location}, opening it (and closing the previous one) when needed. */
        JarFile open(Path location) throws IOException {
            if (jar != null && location.equals(this.location)) {
                return jar;
            }
            close();
            // the runtime version resolves a multi-release jar's versioned entry as the class loader does
            jar = new JarFile(location.toFile(), false, ZipFile.OPEN_READ, Runtime.version());
            this.location = location;
            return jar;
        }

        /** Starts reading a class file: {@code b} from its first byte. */
        ClassFiles start(byte[] bytes) {
            b = bytes;
            at = 0;
            pool = null;
            return this;
        }

        /** Moves past {@code n} bytes (read the count first: {@code at += u2()} would lose the u2). */
        void skip(int n) {
            at += n;
        }

        int u1() {
            return b[at++] & 0xFF;
        }

        int u2() {
            int v = (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
            at += 2;
            return v;
        }

        int u4() {
            int v = u2() << 16;
            return v | u2();
        }

        /** Whether constant {@code index} is the UTF-8 string whose bytes are {@code ascii}. */
        boolean is(int index, byte[] ascii) {
            int start = pool[index];
            if (b[start - 1] != 1 || ((b[start] & 0xFF) << 8 | b[start + 1] & 0xFF) != ascii.length) {
                return false;
            }
            for (int i = 0; i < ascii.length; i++) {
                if (b[start + 2 + i] != ascii[i]) {
                    return false;
                }
            }
            return true;
        }

        /** Constant {@code index}, a modified UTF-8 string. */
        String string(int index) throws IOException {
            int start = pool[index];
            int length = (b[start] & 0xFF) << 8 | b[start + 1] & 0xFF;
            return new DataInputStream(new ByteArrayInputStream(b, start, length + 2)).readUTF();
        }

        /** Constant {@code index}, a long. */
        long long8(int index) {
            int saved = at;
            at = pool[index];
            long v = (long) u4() << 32 | u4() & 0xFFFFFFFFL;
            at = saved;
            return v;
        }

        /** Closes the open jar, if any; an error closing a read-only jar changes no result. */
        void close() {
            JarFile open = jar;
            jar = null;
            location = null;
            if (open != null) {
                try {
                    open.close();
                } catch (IOException e) {
                    // nothing was written; the plan is complete
                }
            }
        }
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
