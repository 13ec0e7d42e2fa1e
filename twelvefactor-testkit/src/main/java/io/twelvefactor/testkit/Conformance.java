package io.twelvefactor.testkit;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code conformance/grammar.txt} at the repository root: the one table of what a
 * duration, boolean, port, level or credential key means, which every module's tests check
 * against their own parser. This reader lives in the unpublished test-support module, a
 * test-scope dependency of each module, so the published modules still share no code; the file
 * is the contract.
 */
public final class Conformance {

    /** One row: the kind, the input as the environment would hold it, the expected outcome. */
    public record Row(String kind, String input, String expected) {
        @Override
        public String toString() {
            return kind + " \"" + input.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r") + "\" " + expected;
        }
    }

    private Conformance() {
    }

    /** The rows of one kind, in file order; fails when the file or the kind is missing. */
    public static List<Row> rows(String kind) {
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

    /** What a row's expected column says of a value that counts as unset, or is refused. */
    public static final String UNSET = "unset";
    public static final String INVALID = "invalid";

    /**
     * The duration grammar as the README states it, written plainly as a reference for
     * property tests over a large input space: the expected column a row for {@code raw}
     * would have.
     */
    public static String duration(String raw) {
        String t = asciiTrim(raw);
        if (t.isEmpty()) {
            return UNSET;
        }
        if (t.matches("[+-]?[Pp].*")) {
            if (t.endsWith("T") || t.endsWith("t")) {
                return INVALID; // a bare T, which Duration.parse takes only in lower case
            }
            try {
                Duration d = Duration.parse(t);
                return d.isNegative() ? INVALID : d.toString();
            } catch (DateTimeParseException | ArithmeticException e) {
                return INVALID;
            }
        }
        if (!t.matches("(0|[1-9][0-9]*)(ms|s|m|h|d)")) {
            return INVALID;
        }
        String unit = t.replaceAll("[0-9]", "");
        BigInteger amount = new BigInteger(t.substring(0, t.length() - unit.length()));
        long perUnit = switch (unit) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> 86_400_000;
        };
        BigInteger max = BigInteger.valueOf(Long.MAX_VALUE);
        BigInteger seconds = amount.multiply(BigInteger.valueOf(perUnit)).divide(BigInteger.valueOf(1000));
        if (amount.compareTo(max) > 0 || seconds.compareTo(max) > 0) {
            return INVALID;
        }
        return Duration.ofMillis(0).plusSeconds(seconds.longValueExact())
                .plusMillis(amount.multiply(BigInteger.valueOf(perUnit)).mod(BigInteger.valueOf(1000)).longValueExact())
                .toString();
    }

    /** The port grammar as the README states it, as {@link #duration(String)} does for durations. */
    public static String port(String raw) {
        String t = asciiTrim(raw);
        if (t.isEmpty()) {
            return UNSET;
        }
        return t.matches("0|[1-9][0-9]{0,4}") && Integer.parseInt(t) <= 65_535 ? t : INVALID;
    }

    private static String asciiTrim(String s) {
        return s.replaceAll("^[ \\t\\r\\n]+|[ \\t\\r\\n]+$", "");
    }

    /** The table agrees with the reference grammar above (checked in every module's tests too). */
    public static void checkTableAgainstTheReference() {
        for (Row row : rows("duration")) {
            if (!duration(row.input()).equals(row.expected())) {
                throw new AssertionError("table and reference differ on " + row + ": " + duration(row.input()));
            }
        }
        for (Row row : rows("port")) {
            if (!port(row.input()).equals(row.expected())) {
                throw new AssertionError("table and reference differ on " + row + ": " + port(row.input()));
            }
        }
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
