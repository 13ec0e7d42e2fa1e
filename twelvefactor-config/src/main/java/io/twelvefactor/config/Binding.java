package io.twelvefactor.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One call of {@code bind}: where values come from (the environment, then {@code .env}, or a
 * {@code _FILE}), and the problems found so far. Not thread-safe; used by one call only.
 */
final class Binding {
    static final String ENVIRONMENT = "environment";
    private static final String DIRECTORY = "directory";
    /** Returned by {@link #lookup} when it recorded a problem; compared by identity. */
    static final String FAILED_LOOKUP = new String("failed lookup");
    /** Largest file read for one value ({@code X_FILE}, a config-tree file), in bytes. */
    static final int MAX_FILE_SIZE = 1 << 20;

    private final Map<String, String> environment;
    private final DotEnv dotEnv;
    private final ConfigTree tree;
    private ArrayList<ConfigException.Problem> problems;
    private List<String> names;
    private ArrayList<ConfigException.Problem> warnings;
    /** Where each value came from, or null when not asked for. */
    private ArrayList<BoundConfig.Origin> origins;
    /** Whether a variable under the prefix that no component reads is a problem (else a warning). */
    boolean rejectUnknown;
    /** The credentials in the values read so far ({@link Text#urlSecrets}), hidden in validation messages. */
    private ArrayList<String> urlSecrets;

    /** Where the last {@link #lookup} found its value: null (environment), a {@code .env} name, or a file. */
    private String foundIn;
    private String foundName;

    Binding(Map<String, String> environment, DotEnv dotEnv) {
        this(environment, null, dotEnv);
    }

    Binding(Map<String, String> environment, ConfigTree tree, DotEnv dotEnv) {
        this.environment = environment;
        this.tree = tree;
        this.dotEnv = dotEnv;
        if (tree != null && !tree.problems.isEmpty()) {
            problems = new ArrayList<>(tree.problems);
        }
        if (dotEnv != null && !dotEnv.problems.isEmpty()) {
            if (problems == null) {
                problems = new ArrayList<>();
            }
            problems.addAll(dotEnv.problems);
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
        if (value == null && tree != null && tree.has(name)) {
            value = tree.values.get(name);
            foundIn = DIRECTORY;
            if (value == null) {
                problem(name, tree.source(name), tree.errors.get(name));
                return FAILED_LOOKUP;
            }
        }
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
        String content = ValueFile.read(this, file, fileName);
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

    /**
     * Every variable name set in any source, each once. Only a {@code Map} of records and typo
     * detection call this: it costs time in proportion to the size of the environment.
     */
    Collection<String> variableNames() {
        if (tree == null && dotEnv == null) {
            return environment.keySet(); // no copy: typo detection runs this on every bind
        }
        if (names == null) {
            ArrayList<String> all = new ArrayList<>(environment.keySet());
            if (tree != null) {
                for (String name : tree.values.keySet()) {
                    if (!environment.containsKey(name)) {
                        all.add(name);
                    }
                }
            }
            if (dotEnv != null) {
                for (String name : dotEnv.values.keySet()) {
                    if (!environment.containsKey(name) && (tree == null || !tree.values.containsKey(name))) {
                        all.add(name);
                    }
                }
            }
            names = all;
        }
        return names;
    }

    private String raw(String name) {
        String value = environment.get(name);
        if (value == null && tree != null) {
            value = tree.values.get(name);
        }
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
        if (foundIn.equals(DIRECTORY)) {
            return tree.source(foundName);
        }
        return dotEnv.source(foundName);
    }

    /** Where a variable is set, or where it was looked for when it is not. */
    String sourceOf(String name) {
        if (environment.get(name) == null && tree != null && tree.has(name)) {
            return tree.source(name);
        }
        if (environment.get(name) == null && dotEnv != null && dotEnv.values.containsKey(name)) {
            return dotEnv.source(name);
        }
        return environment.containsKey(name) || dotEnv == null ? ENVIRONMENT : ENVIRONMENT + " and " + dotEnv.label;
    }

    void problem(String variable, String source, String message) {
        if (problems == null) {
            problems = new ArrayList<>();
        }
        problems.add(new ConfigException.Problem(variable, source, message));
    }

    /** Starts recording where each value comes from, for {@link BoundConfig#origins()}. */
    void traceOrigins() {
        origins = new ArrayList<>();
    }

    List<BoundConfig.Origin> origins() {
        return origins == null ? List.of() : origins;
    }

    /**
     * Records where the value of {@code variable} came from, when tracing: {@code kind} when
     * it is a default or unset, else (null) where the last {@link #lookup} found it.
     */
    void origin(String variable, BoundConfig.Kind kind) {
        if (origins == null) {
            return;
        }
        BoundConfig.Kind k = kind;
        if (k == null) {
            k = foundIn == null ? BoundConfig.Kind.ENVIRONMENT : foundIn.equals("file") ? BoundConfig.Kind.FILE
                    : foundIn.equals(DIRECTORY) ? BoundConfig.Kind.DIRECTORY : BoundConfig.Kind.DOT_ENV;
        }
        String where = k == BoundConfig.Kind.DEFAULT ? "@Default" : k == BoundConfig.Kind.UNSET ? "unset" : source();
        origins.add(new BoundConfig.Origin(variable, k, where));
    }

    /** Records a warning: something works but should change (a deprecated name, an unread variable). */
    void warn(String variable, String source, String message) {
        if (warnings == null) {
            warnings = new ArrayList<>();
        }
        warnings.add(new ConfigException.Problem(variable, source, message));
    }

    List<ConfigException.Problem> warnings() {
        return warnings == null ? List.of() : warnings;
    }

    List<ConfigException.Problem> problems() {
        return problems == null ? List.of() : problems;
    }
}
