package io.twelvefactor.config;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemNotFoundException;
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
    private static final String PREFIX = "Lio/twelvefactor/config/Prefix;";
    private static final String NAME = "Lio/twelvefactor/config/Name;";
    private static final String DEFAULT = "Lio/twelvefactor/config/Default;";
    private static final String DESCRIPTION = "Lio/twelvefactor/config/Description;";
    private static final String DEPRECATED_NAME = "Lio/twelvefactor/config/DeprecatedName;";
    private static final String RANGE = "Lio/twelvefactor/config/Range;";

    String prefix;
    /** Whether the values came from the class file (for tests: reflection gives the same). */
    boolean fromClassFile;
    /** Per component, in declaration order: the value of @Name, @Default and @Description, or null. */
    final String[] names;
    final String[] defaults;
    final String[] descriptions;
    final String[] deprecatedNames;
    /** Per component: whether it has @Range, and its bounds (the annotation's defaults when not written). */
    final boolean[] ranged;
    final long[] mins;
    final long[] maxes;

    private Annotations(int components) {
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

    static Annotations of(Class<?> type, RecordComponent[] components) {
        Jars jars = new Jars();
        try {
            return of(type, components, jars);
        } finally {
            jars.close();
        }
    }

    static Annotations of(Class<?> type, RecordComponent[] components, Jars jars) {
        Annotations a = new Annotations(components.length);
        try {
            byte[] bytes = classFile(type, jars);
            if (bytes != null && a.parse(new DataInputStream(new ByteArrayInputStream(bytes)))) {
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
    static byte[] classFile(Class<?> type, Jars jars) throws IOException {
        String entry = type.getName().replace('.', '/') + ".class";
        Module module = type.getModule();
        if (module.isNamed()) {
            try (InputStream in = module.getResourceAsStream(entry)) {
                return in == null ? null : in.readAllBytes();
            }
        }
        Path location = location(type);
        if (location != null && Files.isDirectory(location)) {
            Path file = location.resolve(entry);
            return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
        }
        if (location != null && Files.isRegularFile(location)) {
            JarFile jar = jars.open(location);
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

    /** The directory or jar a class was loaded from, when it is a local file; else null. */
    private static Path location(Class<?> type) {
        try {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            URL url = source == null ? null : source.getLocation();
            return url == null || !"file".equals(url.getProtocol()) ? null : Path.of(url.toURI());
        } catch (SecurityException | URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            return null;
        }
    }

    /**
     * The jar last read from, kept open while one plan reads the class files of its records
     * (nested records usually sit in the same jar): opening a jar, even one whose central
     * directory the class loader already shares, costs a fresh JVM a few hundred microseconds.
     * Not thread-safe; one per plan, closed when the plan is built.
     */
    static final class Jars {
        private Path location;
        private JarFile jar;

        Jars() {
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
        Annotations a = new Annotations(components.length);
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

    /** Parses the class file (JVMS chapter 4); returns false when it does not match the components. */
    private boolean parse(DataInputStream in) throws IOException {
        if (in.readInt() != 0xCAFEBABE) {
            return false;
        }
        in.skipBytes(4);
        Object[] pool = new Object[in.readUnsignedShort()];
        for (int i = 1; i < pool.length; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1: pool[i] = in.readUTF(); break;
                case 7: case 8: case 16: case 19: case 20: in.skipBytes(2); break;
                case 15: in.skipBytes(3); break;
                case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18: in.skipBytes(4); break;
                case 5: pool[i] = in.readLong(); i++; break;
                case 6: in.skipBytes(8); i++; break;
                default: return false;
            }
        }
        in.skipBytes(6);
        in.skipBytes(2 * in.readUnsignedShort());
        for (int members = 0; members < 2; members++) {
            for (int n = in.readUnsignedShort(); n > 0; n--) {
                in.skipBytes(6);
                skipAttributes(in);
            }
        }
        boolean sawRecord = false;
        for (int n = in.readUnsignedShort(); n > 0; n--) {
            Object name = pool[in.readUnsignedShort()];
            int length = in.readInt();
            if ("RuntimeVisibleAnnotations".equals(name)) {
                annotations(in, pool, -1);
            } else if ("Record".equals(name)) {
                if (in.readUnsignedShort() != names.length) {
                    return false;
                }
                sawRecord = true;
                for (int c = 0; c < names.length; c++) {
                    in.skipBytes(4);
                    for (int attributes = in.readUnsignedShort(); attributes > 0; attributes--) {
                        Object attribute = pool[in.readUnsignedShort()];
                        int size = in.readInt();
                        if ("RuntimeVisibleAnnotations".equals(attribute)) {
                            annotations(in, pool, c);
                        } else {
                            in.skipBytes(size);
                        }
                    }
                }
            } else {
                in.skipBytes(length);
            }
        }
        return sawRecord;
    }

    private void annotations(DataInputStream in, Object[] pool, int component) throws IOException {
        for (int n = in.readUnsignedShort(); n > 0; n--) {
            Object type = pool[in.readUnsignedShort()];
            if (component >= 0 && RANGE.equals(type)) {
                ranged[component] = true;
            }
            for (int pairs = in.readUnsignedShort(); pairs > 0; pairs--) {
                Object element = pool[in.readUnsignedShort()];
                int tag = in.readUnsignedByte();
                if (tag == 's' && "value".equals(element)) {
                    store(type, (String) pool[in.readUnsignedShort()], component);
                } else if (tag == 'J' && component >= 0 && RANGE.equals(type)) {
                    long bound = (Long) pool[in.readUnsignedShort()];
                    if ("min".equals(element)) {
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

    private void store(Object type, String value, int component) {
        if (component < 0) {
            if (PREFIX.equals(type)) {
                prefix = value;
            }
        } else if (NAME.equals(type)) {
            names[component] = value;
        } else if (DEFAULT.equals(type)) {
            defaults[component] = value;
        } else if (DESCRIPTION.equals(type)) {
            descriptions[component] = value;
        } else if (DEPRECATED_NAME.equals(type)) {
            deprecatedNames[component] = value;
        }
    }

    private static void skipValue(DataInputStream in, int tag) throws IOException {
        switch (tag) {
            case 'e': in.skipBytes(4); break;
            case '@':
                in.skipBytes(2);
                for (int pairs = in.readUnsignedShort(); pairs > 0; pairs--) {
                    in.skipBytes(2);
                    skipValue(in, in.readUnsignedByte());
                }
                break;
            case '[':
                for (int n = in.readUnsignedShort(); n > 0; n--) {
                    skipValue(in, in.readUnsignedByte());
                }
                break;
            default: in.skipBytes(2);
        }
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        for (int n = in.readUnsignedShort(); n > 0; n--) {
            in.skipBytes(2);
            in.skipBytes(in.readInt());
        }
    }
}
