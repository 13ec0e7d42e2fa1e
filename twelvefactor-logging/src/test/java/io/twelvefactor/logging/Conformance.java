package io.twelvefactor.logging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code conformance/grammar.txt} at the repository root: the one table of what a
 * duration, boolean, port, level or credential key means, which every module's tests check
 * against their own parser. The same small reader is copied into each module's tests, since
 * the modules share no code; the file is the contract.
 */
final class Conformance {

    /** One row: the kind, the input as the environment would hold it, the expected outcome. */
    record Row(String kind, String input, String expected) {
        @Override
        public String toString() {
            return kind + " \"" + input.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r") + "\" " + expected;
        }
    }

    private Conformance() {
    }

    /** The rows of one kind, in file order; fails when the file or the kind is missing. */
    static List<Row> rows(String kind) {
        List<Row> rows = new ArrayList<>();
        for (String line : lines()) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int space = l.indexOf(' ');
            int open = l.indexOf('"');
            if (space < 0 || open < space) {
                throw new IllegalStateException("malformed row: " + line);
            }
            StringBuilder input = new StringBuilder();
            int i = open + 1;
            for (; l.charAt(i) != '"'; i++) {
                char c = l.charAt(i);
                if (c == '\\') {
                    char e = l.charAt(++i);
                    switch (e) {
                        case 'n' -> input.append('\n');
                        case 't' -> input.append('\t');
                        case 'r' -> input.append('\r');
                        case 'u' -> {
                            input.append((char) Integer.parseInt(l.substring(i + 1, i + 5), 16));
                            i += 4;
                        }
                        default -> input.append(e);
                    }
                } else {
                    input.append(c);
                }
            }
            if (l.substring(0, space).equals(kind)) {
                rows.add(new Row(kind, input.toString(), l.substring(i + 1).strip()));
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException("no rows of kind " + kind + " in conformance/grammar.txt");
        }
        return rows;
    }

    private static List<String> lines() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path file = dir.resolve("conformance").resolve("grammar.txt");
            if (Files.isRegularFile(file)) {
                try {
                    return Files.readAllLines(file, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read " + file, e);
                }
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("conformance/grammar.txt not found above " + Path.of("").toAbsolutePath());
    }
}
