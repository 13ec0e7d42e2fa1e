package io.twelvefactor.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape the style guide asks of the module: no two classes that refer to each other, directly
 * or in a loop (nested classes count as their outer class), and no source file over 400 lines.
 * References are read from the compiled classes' constant pools, so every kind counts: types of
 * fields, parameters and locals, calls, casts, instanceof.
 */
class ModuleStructureTest {

    private static final String PACKAGE = "io/twelvefactor/logging/";
    private static final Pattern REFERENCE = Pattern.compile("io/twelvefactor/logging/([A-Za-z0-9_]+)");

    @Test
    void noClassOfTheModuleTakesPartInAReferenceCycle() throws IOException, URISyntaxException {
        Map<String, Set<String>> graph = referenceGraph();
        assertTrue(graph.size() >= 20, "read too few classes: " + graph.keySet());
        List<String> cycles = new ArrayList<>();
        for (String start : graph.keySet()) {
            List<String> path = new ArrayList<>();
            if (reachesItself(graph, start, start, path, new TreeSet<>())) {
                cycles.add(start + " -> " + String.join(" -> ", path));
            }
        }
        assertEquals(List.of(), cycles);
    }

    @Test
    void noSourceFileIsLongerThanFourHundredLines() throws IOException {
        Path sources = Path.of("src/main/java/io/twelvefactor/logging");
        List<String> tooLong = new ArrayList<>();
        int files = 0;
        try (Stream<Path> all = Files.list(sources)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                files++;
                long lines = Files.readAllLines(p).size();
                if (lines > 400) {
                    tooLong.add(p.getFileName() + ": " + lines);
                }
            }
        }
        assertTrue(files >= 20, "read too few files in " + sources.toAbsolutePath());
        assertEquals(List.of(), tooLong);
    }

    private static boolean reachesItself(Map<String, Set<String>> graph, String target, String from,
            List<String> path, Set<String> visited) {
        for (String next : graph.getOrDefault(from, Set.of())) {
            path.add(next);
            if (next.equals(target)) {
                return true;
            }
            if (visited.add(next) && reachesItself(graph, target, next, path, visited)) {
                return true;
            }
            path.remove(path.size() - 1);
        }
        return false;
    }

    /** Top-level class name to the top-level classes of the package it refers to. */
    private static Map<String, Set<String>> referenceGraph() throws IOException, URISyntaxException {
        Path classes = Path.of(StdoutLogger.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(PACKAGE);
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> all = Files.list(classes)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                String file = p.getFileName().toString();
                if (!file.endsWith(".class") || file.equals("package-info.class")) {
                    continue;
                }
                String owner = topLevel(file.substring(0, file.length() - ".class".length()));
                Set<String> refs = graph.computeIfAbsent(owner, k -> new TreeSet<>());
                try (InputStream in = Files.newInputStream(p)) {
                    for (String utf8 : constantPoolStrings(in)) {
                        Matcher m = REFERENCE.matcher(utf8);
                        while (m.find()) {
                            String target = topLevel(m.group(1));
                            if (!target.equals(owner) && !target.equals("package-info")) {
                                refs.add(target);
                            }
                        }
                    }
                }
            }
        }
        return graph;
    }

    private static String topLevel(String binaryName) {
        int dollar = binaryName.indexOf('$');
        return dollar < 0 ? binaryName : binaryName.substring(0, dollar);
    }

    /** The UTF-8 entries of a class file's constant pool: names, descriptors, signatures. */
    private static List<String> constantPoolStrings(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        List<String> strings = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1: strings.add(in.readUTF()); break;
                case 3: case 4: in.readInt(); break;
                case 5: case 6: in.readLong(); i++; break;
                case 7: case 8: case 16: case 19: case 20: in.readUnsignedShort(); break;
                case 9: case 10: case 11: case 12: case 17: case 18: in.readInt(); break;
                case 15: in.readUnsignedByte(); in.readUnsignedShort(); break;
                default: throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return strings;
    }
}
