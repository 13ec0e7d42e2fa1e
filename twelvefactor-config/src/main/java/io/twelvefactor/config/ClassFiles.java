package io.twelvefactor.config;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipFile;

/**
 * Reads the class files of one plan's records for {@link Annotations}: finds each file, keeps
 * the jar last read from open (nested records usually sit in the same jar, and opening a jar,
 * even one whose central directory the class loader already shares, costs a fresh JVM a few
 * hundred microseconds), and is the cursor over the class file being parsed (one class rather
 * than two, one fewer for a cold bind to load). Not thread-safe; one per plan, closed when
 * the plan is built.
 */
final class ClassFiles {
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
     * The bytes of a class file, or null. {@code Class.getResourceAsStream} goes through a
     * {@code URL} and a {@code JarURLConnection}, which in a fresh JVM costs milliseconds per
     * class (more than the rest of a bind); so a class in a named module is read through its
     * module, one in a jar or directory on the class path straight from that file (the JDK
     * shares the jar's open central directory with its class loader), anything else through
     * {@code getResourceAsStream}.
     */
    byte[] read(Class<?> type) throws IOException {
        String entry = type.getName().replace('.', '/') + ".class";
        Module module = type.getModule();
        if (module.isNamed()) {
            try (InputStream in = module.getResourceAsStream(entry)) {
                return in == null ? null : in.readAllBytes();
            }
        }
        Path location = location(type);
        if (location != null && inDirectory) {
            Path file = location.resolve(entry);
            return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
        }
        if (location != null && inJar) {
            JarFile opened = open(location);
            JarEntry found = opened.getJarEntry(entry);
            if (found != null) {
                try (InputStream in = opened.getInputStream(found)) {
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
     * The directory or jar a class was loaded from, when it is a local file; else null.
     * Kept for the last code source: the records of one config usually share one.
     */
    Path location(Class<?> type) {
        CodeSource cs = type.getProtectionDomain().getCodeSource();
        if (cs == null || cs != source) {
            source = cs;
            sourceLocation = location(cs);
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
