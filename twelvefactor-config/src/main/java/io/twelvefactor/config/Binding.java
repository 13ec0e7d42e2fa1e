package io.twelvefactor.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One call of {@code bind}: where values come from (the environment, then {@code .env}, or a
 * {@code _FILE}), and the problems found so far. Not thread-safe; used by one call only.
 */
final class Binding {
    static final String ENVIRONMENT = "environment";
    /** Returned by {@link #lookup} when it recorded a problem; compared by identity. */
    static final String FAILED_LOOKUP = new String("failed lookup");
    /** Largest secret file read, in bytes. */
    static final int MAX_FILE_SIZE = 1 << 20;

    private final Map<String, String> environment;
    private final DotEnv dotEnv;
    private ArrayList<ConfigException.Problem> problems;
    /** The credentials in the values read so far ({@link Text#urlSecrets}), hidden in validation messages. */
    private ArrayList<String> urlSecrets;

    /** Where the last {@link #lookup} found its value: null (environment), a {@code .env} name, or a file. */
    private String foundIn;
    private String foundName;

    Binding(Map<String, String> environment, DotEnv dotEnv) {
        this.environment = environment;
        this.dotEnv = dotEnv;
        if (dotEnv != null && !dotEnv.problems.isEmpty()) {
            problems = new ArrayList<>(dotEnv.problems);
        }
    }

    /** The raw value of a variable, or of the variable named by its {@code _FILE}, or null. */
    String lookup(String name, String fileName) {
        String value = find(name, fileName);
        if (value != null && value != FAILED_LOOKUP) {
            List<String> found = Text.urlSecrets(value);
            if (!found.isEmpty()) {
                if (urlSecrets == null) {
                    urlSecrets = new ArrayList<>();
                }
                urlSecrets.addAll(found);
            }
        }
        return value;
    }

    /** The credentials carried by the values looked up so far. */
    List<String> urlSecrets() {
        return urlSecrets == null ? List.of() : urlSecrets;
    }

    private String find(String name, String fileName) {
        foundIn = null;
        foundName = name;
        String value = environment.get(name);
        if (value == null && dotEnv != null) {
            value = dotEnv.values.get(name);
            if (value != null) {
                foundIn = ".env";
            }
        }
        String file = raw(fileName);
        if (file == null || file.isEmpty()) {
            return value;
        }
        if (value != null) {
            problem(name, source(), "is set, and so is " + fileName + "; set only one of them");
            return FAILED_LOOKUP;
        }
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            problem(fileName, sourceOf(fileName), "is not a file path: " + e.getReason());
            return FAILED_LOOKUP;
        }
        String content = read(path, fileName);
        if (content == null) {
            return FAILED_LOOKUP;
        }
        foundIn = "file";
        foundName = fileName;
        return content;
    }

    /**
     * Which of the variable and its {@code _FILE} is set, or null: empty values count as unset,
     * as in {@link #lookup} and when a value is bound, except that {@code keepsEmpty} (a
     * {@code String}) takes an empty variable as a value.
     */
    String present(String name, String fileName, boolean keepsEmpty) {
        String value = raw(name);
        if (value != null && (keepsEmpty || !Text.isBlank(value))) {
            return name;
        }
        String file = raw(fileName);
        return file != null && !file.isEmpty() ? fileName : null;
    }

    private String raw(String name) {
        String value = environment.get(name);
        return value == null && dotEnv != null ? dotEnv.values.get(name) : value;
    }

    /** Where the last looked-up value came from, for a problem. */
    String source() {
        if (foundIn == null) {
            return ENVIRONMENT;
        }
        if (foundIn.equals("file")) {
            return "file " + raw(foundName) + " (" + foundName + ")";
        }
        return dotEnv.source(foundName);
    }

    /** Where a variable is set, or where it was looked for when it is not. */
    String sourceOf(String name) {
        if (environment.get(name) == null && dotEnv != null && dotEnv.values.containsKey(name)) {
            return dotEnv.source(name);
        }
        return environment.containsKey(name) || dotEnv == null ? ENVIRONMENT : ENVIRONMENT + " and " + dotEnv.label;
    }

    private String read(Path path, String fileName) {
        String source = "file " + path + " (" + fileName + ")";
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes(MAX_FILE_SIZE + 1);
            if (bytes.length > MAX_FILE_SIZE) {
                problem(fileName, source, "names a file larger than 1 MiB; expected a small secret file");
                return null;
            }
            int end = bytes.length;
            if (end > 0 && bytes[end - 1] == '\n') {
                end--;
                if (end > 0 && bytes[end - 1] == '\r') {
                    end--;
                }
            }
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Arrays.copyOf(bytes, end))).toString();
        } catch (NoSuchFileException e) {
            problem(fileName, source, "names a file that does not exist");
        } catch (AccessDeniedException e) {
            problem(fileName, source, "names a file this process may not read");
        } catch (CharacterCodingException e) {
            problem(fileName, source, "names a file that is not valid UTF-8");
        } catch (IOException e) {
            problem(fileName, source, "names a file that cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return null;
    }

    void problem(String variable, String source, String message) {
        if (problems == null) {
            problems = new ArrayList<>();
        }
        problems.add(new ConfigException.Problem(variable, source, message));
    }

    List<ConfigException.Problem> problems() {
        return problems == null ? List.of() : problems;
    }
}
