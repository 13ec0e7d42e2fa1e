package io.twelvefactor.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * A parsed {@code .env} file: {@code KEY=value} and {@code export KEY=value} lines,
 * {@code #} comments (whole lines, or after whitespace in unquoted values), single quotes
 * (literal) and double quotes ({@code \n}, {@code \r}, {@code \t}, {@code \"}, {@code \\}
 * escapes), both of which may span lines. Later lines win. Immutable once parsed.
 */
final class DotEnv {
    final String label;
    final HashMap<String, String> values = new HashMap<>();
    final HashMap<String, Integer> lines = new HashMap<>();
    final List<ConfigException.Problem> problems = new ArrayList<>();

    private String text;
    private int pos;
    private int line = 1;

    private DotEnv(String label) {
        this.label = label;
    }

    /**
     * Reads the file; a missing file gives null when {@code optional}, a problem otherwise.
     *
     * <p>The usual case in production, an optional file that is absent, costs one {@code stat}:
     * opening the file would throw, and the exception and the channel's classes are some ten
     * classes from outside the JDK's class-data archive for a fresh JVM to load. For the same
     * reason the one handler tells the failures apart by {@code instanceof}, which loads a
     * class only when it runs, rather than by one handler per type, whose classes the verifier
     * loads with this class.
     */
    static DotEnv read(Path file, boolean optional) {
        if (optional && file.getFileSystem() == FileSystems.getDefault() && !file.toFile().exists()) {
            return null;
        }
        DotEnv env = new DotEnv(file.toString());
        try {
            byte[] bytes = Files.readAllBytes(file);
            env.parse(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (IOException e) {
            if (e instanceof NoSuchFileException) {
                if (optional) {
                    return null;
                }
                env.fail("the file does not exist");
            } else if (e instanceof CharacterCodingException) {
                env.fail("the file is not valid UTF-8");
            } else {
                env.fail("the file cannot be read: " + e.getClass().getSimpleName());
            }
        }
        return env;
    }

    static DotEnv parse(String label, String text) {
        DotEnv env = new DotEnv(label);
        env.parse(text);
        return env;
    }

    String source(String name) {
        return label + " line " + lines.get(name);
    }

    private void fail(String message) {
        problems.add(new ConfigException.Problem(label, label, message));
    }

    private void malformed(int at, String message) {
        problems.add(new ConfigException.Problem(label, label + " line " + at, message));
    }

    private void parse(String content) {
        text = content;
        while (pos < text.length()) {
            skipBlanks();
            if (pos >= text.length()) {
                break;
            }
            char c = text.charAt(pos);
            if (c == '\n' || c == '\r') {
                newline();
            } else if (c == '#') {
                skipToEndOfLine();
            } else if (!entry()) {
                return;
            }
        }
    }

    /** Parses one entry; returns false when the rest of the file cannot be parsed. */
    private boolean entry() {
        int start = line;
        if (text.startsWith("export", pos) && pos + 6 < text.length() && (text.charAt(pos + 6) == ' ' || text.charAt(pos + 6) == '\t')) {
            pos += 6;
            skipBlanks();
        }
        int keyStart = pos;
        while (pos < text.length() && isKeyChar(text.charAt(pos), pos == keyStart)) {
            pos++;
        }
        String key = text.substring(keyStart, pos);
        skipBlanks();
        if (key.isEmpty() || pos >= text.length() || text.charAt(pos) != '=') {
            malformed(start, key.isEmpty() ? "expected KEY=value, and a key of letters, digits and '_'"
                    : "expected '=' after " + key);
            skipToEndOfLine();
            return true;
        }
        pos++;
        skipBlanks();
        String value;
        if (pos < text.length() && (text.charAt(pos) == '"' || text.charAt(pos) == '\'')) {
            value = quoted(text.charAt(pos));
            if (value == null) {
                malformed(start, "the quote opened here is never closed");
                return false;
            }
            skipBlanks();
            if (pos < text.length() && text.charAt(pos) != '#' && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
                malformed(line, "unexpected text after the closing quote of " + key);
                skipToEndOfLine();
                return true;
            }
            skipToEndOfLine();
        } else {
            value = unquoted();
        }
        values.put(key, value);
        lines.put(key, start);
        return true;
    }

    private String quoted(char quote) {
        StringBuilder b = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return b.toString();
            }
            if (c == '\n') {
                line++;
            }
            if (c == '\\' && quote == '"' && pos < text.length()) {
                char next = text.charAt(pos++);
                switch (next) {
                    case 'n': b.append('\n'); break;
                    case 'r': b.append('\r'); break;
                    case 't': b.append('\t'); break;
                    case '"': case '\\': case '$': b.append(next); break;
                    default:
                        b.append('\\');
                        pos--;
                }
            } else {
                b.append(c);
            }
        }
        return null;
    }

    private String unquoted() {
        int start = pos;
        int end = pos;
        while (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
            char c = text.charAt(pos);
            if (c == '#' && pos > start && (text.charAt(pos - 1) == ' ' || text.charAt(pos - 1) == '\t')) {
                break;
            }
            pos++;
            end = pos;
        }
        String value = Text.trim(text.substring(start, end));
        skipToEndOfLine();
        return value;
    }

    private void skipBlanks() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    /** Moves past the end of the current line. */
    private void skipToEndOfLine() {
        while (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
            pos++;
        }
        if (pos < text.length()) {
            newline();
        }
    }

    private void newline() {
        if (text.charAt(pos) == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
            pos++;
        }
        pos++;
        line++;
    }

    private static boolean isKeyChar(char c, boolean first) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_' || !first && (c >= '0' && c <= '9' || c == '.');
    }
}
