package io.twelvefactor.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Binds environment variables to a config record, once, at startup.
 *
 * <pre>{@code
 * @Prefix("APP")
 * record AppConfig(@Default("8080") int port, Db db, @Default("30s") Duration shutdownTimeout) {}
 * record Db(URI url, Secret<String> password) {}
 *
 * AppConfig config = Env.bind(AppConfig.class);   // reads APP_PORT, APP_DB_URL, APP_DB_PASSWORD, ...
 * }</pre>
 *
 * <p>Either every component binds, or one {@link ConfigException} lists every variable that is
 * missing or wrong. The binding rules:
 * <ul>
 *   <li><b>Names.</b> Component {@code maxThreads} reads {@code MAX_THREADS}; component
 *       {@code url} of nested record component {@code db} reads {@code DB_URL}; with
 *       {@link Prefix @Prefix("APP")} on the type, {@code APP_DB_URL}. A new word starts at a
 *       capital after a lower-case letter or digit, and at the last capital of an acronym
 *       followed by a lower-case letter; digits stay with the word before them:
 *       {@code oauth2ClientId} → {@code OAUTH2_CLIENT_ID}, {@code s3Bucket} →
 *       {@code S3_BUCKET}, {@code httpURL} → {@code HTTP_URL}, {@code httpURLPath} →
 *       {@code HTTP_URL_PATH}. {@link Name @Name} sets an exact name. Two components reading
 *       one name is a plan error. Only these names (and their {@code _FILE} variants) are
 *       looked up, so the cost does not grow with the size of the environment; the two
 *       exceptions scan every variable name once per bind: a {@code Map} of records, and
 *       typo detection under a {@link Prefix}.</li>
 *   <li><b>Types.</b> {@code String}; {@code int}, {@code long}, {@code short}, {@code byte},
 *       {@code double}, {@code float}, {@code boolean} and their boxes; {@code BigDecimal},
 *       {@code BigInteger}; enums; {@code Duration}; {@code URI}; {@code Path};
 *       {@link DataSize}; {@code UUID}, {@code Charset}, {@code Locale} (a language tag),
 *       {@code Pattern}, {@code InetSocketAddress} ({@code host:port}, never resolved),
 *       {@code InetAddress} (an IP literal, no DNS lookup), the {@code java.time} types,
 *       {@code URL} and {@code File}; a type outside the JDK with a public static
 *       {@code valueOf(String)}, {@code of(String)}, {@code parse(String)} or
 *       {@code parse(CharSequence)} method (tried in that order) or a public {@code String}
 *       constructor; types with a {@linkplain Builder#converter registered converter}. Other
 *       {@code java.*} and {@code javax.*} types are a plan error: constructing some of them
 *       acts on files or threads, and binding never does. Each
 *       may be wrapped in {@code Optional}, {@link Secret}, {@code List}, {@code Set} or
 *       {@code Map<String, T>}. Components may be nested records, {@code Optional} records
 *       (present when any of their variables is set, an empty value counting as unset but
 *       for a {@code String}) and {@code List}s of records, read from {@code SERVERS_0_HOST},
 *       {@code SERVERS_1_HOST}… up to the first index with none set; a variable set at one of
 *       the 8 indexes after that one is a problem naming it. A {@code Map<String, R>} whose
 *       values are records is a named group: component {@code datasources} reads
 *       {@code DATASOURCES_<KEY>_URL}… for every key found by scanning the variable names (the
 *       only scan besides typo detection; it costs time in proportion to the environment);
 *       keys may contain {@code _} because a record whose variables would make the split a
 *       guess is a plan error.</li>
 *   <li><b>Strict values.</b> Integers are an optional {@code -} and decimal ASCII digits
 *       without a leading zero, within the type's range. Decimals also allow a fraction and an
 *       exponent, and must be finite. Booleans are {@code true/false}, {@code yes/no},
 *       {@code on/off}, {@code 1/0} in any case; anything else is an error. Enum constants match
 *       in any case. Durations need a unit: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h},
 *       {@code 2d}, or ISO-8601 such as {@code PT30S}. Lists and sets are comma-separated
 *       ({@code \,} is a literal comma, {@code \\} a backslash), maps are {@code k=v,k2=v2}
 *       ({@code \=} is a literal {@code =}); elements are trimmed.</li>
 *   <li><b>Empty values.</b> For every type but {@code String}, a value that is empty or only
 *       whitespace counts as unset, and other values are trimmed. A {@code String} is taken
 *       verbatim: set to the empty string, it binds {@code ""}.</li>
 *   <li><b>Required.</b> Every component is required unless it is {@code Optional}, has a
 *       {@link Default @Default}, or is a {@code List}, {@code Set} or {@code Map} (empty when
 *       unset). A {@code @Default} literal that does not parse is a plan error.</li>
 *   <li><b>Validation.</b> An {@code IllegalArgumentException} from a record's compact
 *       constructor becomes a problem attributed to that record's variables.</li>
 *   <li><b>Files.</b> When {@code X_FILE} is set, the value of {@code X} is the content of
 *       that file (at most 1 MiB, UTF-8, one trailing {@code \n} or {@code \r\n} removed);
 *       setting both {@code X} and {@code X_FILE} is a problem.</li>
 *   <li><b>{@code .env}.</b> {@link #bind(Class)} also reads {@code .env} in the working
 *       directory when it exists, with lower precedence than the environment.</li>
 *   <li><b>Typos and renames.</b> With a {@link Prefix}, a variable under the prefix that no
 *       component reads is a warning with the closest declared name, or a problem with
 *       {@link Builder#rejectUnknownVariables()}. {@link DeprecatedName} keeps an old name
 *       readable, with a warning; setting both names is a problem. Warnings go to
 *       {@link Builder#warnings}.</li>
 *   <li><b>Config trees.</b> {@link Builder#directory(Path)} reads a mounted directory with one
 *       file per variable (a Kubernetes ConfigMap or Secret volume), between the environment
 *       and {@code .env} in precedence.</li>
 * </ul>
 * Plans (the reflection over a config type) are built once per type and cached.
 * All methods are thread-safe.
 */
public final class Env {
    private static final ClassValue<Plan> PLANS = new ClassValue<>() {
        @Override
        protected Plan computeValue(Class<?> type) {
            return Planner.plan(type, Map.of());
        }
    };

    /**
     * The default receiver of warnings, as null: each warning is logged to the System.Logger,
     * looked up at the first warning, not at startup. Neither a lambda nor a class of its own,
     * whose loading would cost every cold bind.
     */
    private static final Consumer<ConfigException.Problem> SYSTEM_LOGGER = null;

    private Env() {
    }

    /**
     * Binds the process environment, plus {@code .env} in the working directory when present,
     * to a config record.
     *
     * @param type the config record type
     * @param <T> the config type
     * @return the bound config, never null
     * @throws ConfigException listing every problem, when any variable is missing or malformed,
     *     when {@code .env} is malformed, or when the type cannot be bound (a plan error)
     * @throws IllegalArgumentException if {@code type} is not a record
     */
    public static <T> T bind(Class<T> type) {
        return builder().build().bind(type);
    }

    /**
     * Binds like {@link #bind(Class)} and says where each variable's value came from; see
     * {@link Source#bindWithOrigins(Class)}.
     *
     * @param type the config record type
     * @param <T> the config type
     * @return the config with the origin of each variable
     * @throws ConfigException as {@link #bind(Class)} does
     * @throws IllegalArgumentException if {@code type} is not a record
     */
    public static <T> BoundConfig<T> bindWithOrigins(Class<T> type) {
        return builder().build().bindWithOrigins(type);
    }

    /**
     * A source that reads only the given map: no process environment and no {@code .env}.
     * {@code _FILE} variables in the map are still followed. The map is read, not copied,
     * so binding costs the same however large it is; do not change it while binding.
     *
     * @param variables variable names and values; null values count as unset
     * @return the source
     * @throws NullPointerException if {@code variables} is null
     */
    public static Source of(Map<String, String> variables) {
        return new Source(Objects.requireNonNull(variables, "variables"), null, Map.of());
    }

    /**
     * Describes the variables a config type reads, for documentation and {@code .env.example}.
     *
     * @param type the config record type
     * @return the description
     * @throws ConfigException if the type cannot be bound (a plan error)
     * @throws IllegalArgumentException if {@code type} is not a record
     */
    public static ConfigDescription describe(Class<?> type) {
        return of(Map.of()).describe(type);
    }

    /**
     * A builder for a source with another {@code .env} file or none, config-tree directories,
     * custom converters, a warning receiver or strict typo detection.
     *
     * @return a new builder reading the process environment and {@code ./.env} when present
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Where values come from: variables (the environment or a map), an optional {@code .env}
     * file read when the source was built, and converters. Immutable and thread-safe.
     */
    public static final class Source {
        private final Map<String, String> variables;
        private final ConfigTree tree;
        private final DotEnv dotEnv;
        private final Map<Class<?>, Function<String, ?>> converters;
        private final ConcurrentHashMap<Class<?>, Plan> plans;
        private final Consumer<ConfigException.Problem> warnings;
        private final boolean rejectUnknown;

        Source(Map<String, String> variables, DotEnv dotEnv, Map<Class<?>, Function<String, ?>> converters) {
            this(variables, null, dotEnv, converters, SYSTEM_LOGGER, false);
        }

        Source(Map<String, String> variables, ConfigTree tree, DotEnv dotEnv,
               Map<Class<?>, Function<String, ?>> converters, Consumer<ConfigException.Problem> warnings,
               boolean rejectUnknown) {
            this.variables = variables;
            this.tree = tree;
            this.dotEnv = dotEnv;
            this.warnings = warnings;
            this.rejectUnknown = rejectUnknown;
            this.converters = converters;
            this.plans = converters.isEmpty() ? null : new ConcurrentHashMap<>();
        }

        /**
         * Binds this source's variables to a config record; see {@link Env} for the rules.
         *
         * @param type the config record type
         * @param <T> the config type
         * @return the bound config, never null
         * @throws ConfigException listing every problem, when any variable is missing or
         *     malformed, when the {@code .env} file is malformed, or when the type cannot be
         *     bound (a plan error)
         * @throws IllegalArgumentException if {@code type} is not a record
         */
        public <T> T bind(Class<T> type) {
            return type.cast(bind(type, newBinding()));
        }

        /**
         * Binds like {@link #bind(Class)} and says where each variable's value came from:
         * environment, {@code X_FILE}, a config-tree file, a {@code .env} line, the default,
         * or unset. Never a value, so the result's {@code toString()} is safe to print at
         * startup.
         *
         * @param type the config record type
         * @param <T> the config type
         * @return the config with the origin of each variable and the warnings
         * @throws ConfigException as {@link #bind(Class)} does
         * @throws IllegalArgumentException if {@code type} is not a record
         */
        public <T> BoundConfig<T> bindWithOrigins(Class<T> type) {
            Binding binding = newBinding();
            binding.traceOrigins();
            T config = type.cast(bind(type, binding));
            return new BoundConfig<>(config, binding.origins(), binding.warnings());
        }

        private Binding newBinding() {
            Binding binding = new Binding(variables, tree, dotEnv);
            binding.rejectUnknown = rejectUnknown;
            return binding;
        }

        private Object bind(Class<?> type, Binding binding) {
            try {
                return plan(type).bind(binding);
            } finally {
                for (ConfigException.Problem warning : binding.warnings()) {
                    if (warnings == SYSTEM_LOGGER) {
                        System.getLogger("io.twelvefactor.config").log(System.Logger.Level.WARNING, warning.toString());
                    } else {
                        warnings.accept(warning);
                    }
                }
            }
        }

        /**
         * Describes the variables a config type reads, with this source's converters.
         *
         * @param type the config record type
         * @return the description
         * @throws ConfigException if the type cannot be bound (a plan error)
         * @throws IllegalArgumentException if {@code type} is not a record
         */
        public ConfigDescription describe(Class<?> type) {
            return new ConfigDescription(type.getSimpleName(), plan(type).describe());
        }

        private Plan plan(Class<?> type) {
            Objects.requireNonNull(type, "type");
            if (plans == null) {
                return PLANS.get(type);
            }
            Plan plan = plans.get(type);
            if (plan == null) {
                plan = Planner.plan(type, converters);
                Plan raced = plans.putIfAbsent(type, plan);
                plan = raced == null ? plan : raced;
            }
            return plan;
        }
    }

    /**
     * Configures a {@link Source}. Not thread-safe; {@link #build()} may be called repeatedly.
     */
    public static final class Builder {
        private Map<String, String> variables;
        private Path dotEnv = Path.of(".env");
        private boolean dotEnvRequired;
        private final ArrayList<Path> directories = new ArrayList<>();
        private final HashMap<Class<?>, Function<String, ?>> converters = new HashMap<>();
        private Consumer<ConfigException.Problem> warnings = SYSTEM_LOGGER;
        private boolean rejectUnknown;

        Builder() {
        }

        /**
         * Receives the warnings of each bind, after it: a deprecated name that was read
         * ({@link DeprecatedName}), and a variable under the config type's {@link Prefix} that no
         * component reads, with the closest name that one does ("did you mean"). Each warning is
         * a {@link ConfigException.Problem} naming the variable and its source, never a value.
         * Called on the binding thread, also when the bind then throws. Default: each warning
         * is logged at {@code WARNING} to the {@link System.Logger} named
         * {@code io.twelvefactor.config} (which the logging module, when present, writes as
         * JSON); pass {@code w -> {}} to drop them.
         *
         * @param warnings the receiver
         * @return this builder
         * @throws NullPointerException if {@code warnings} is null
         */
        public Builder warnings(Consumer<ConfigException.Problem> warnings) {
            this.warnings = Objects.requireNonNull(warnings, "warnings");
            return this;
        }

        /**
         * Makes a variable under the config type's {@link Prefix} that no component reads a
         * problem in the {@link ConfigException}, instead of a warning. Default: a warning,
         * because platforms set such variables on their own (Kubernetes service links give a
         * Service named {@code app} the variables {@code APP_SERVICE_HOST}, {@code APP_PORT_80_TCP}…;
         * turn them off with {@code enableServiceLinks: false}). Configs without a prefix are
         * never scanned.
         *
         * @return this builder
         */
        public Builder rejectUnknownVariables() {
            this.rejectUnknown = true;
            return this;
        }

        /**
         * Reads variables from this map instead of the process environment.
         *
         * @param variables variable names and values, read and not copied
         * @return this builder
         * @throws NullPointerException if {@code variables} is null
         */
        public Builder variables(Map<String, String> variables) {
            this.variables = Objects.requireNonNull(variables, "variables");
            return this;
        }

        /**
         * Reads this {@code .env} file instead of {@code .env} in the working directory. The
         * file must exist: a missing file is a problem when binding. Default: {@code ./.env},
         * read only when it exists.
         *
         * @param file the file
         * @return this builder
         * @throws NullPointerException if {@code file} is null
         */
        public Builder dotEnv(Path file) {
            this.dotEnv = Objects.requireNonNull(file, "file");
            this.dotEnvRequired = true;
            return this;
        }

        /**
         * Also reads a config tree: a directory with one file per variable, the file name being
         * the variable name, as Kubernetes mounts a ConfigMap or Secret volume
         * ({@code volumeMounts}) and Docker a directory. Precedence: the environment, then
         * directories in the order added, then {@code .env}. Each file follows the {@code X_FILE}
         * rules (UTF-8, at most 1 MiB, one trailing newline removed); a file that breaks them is
         * a problem naming the file when its variable is read. Kubernetes' {@code ..data}
         * symlink is resolved once, so every file comes from one version of the volume; hidden
         * files, subdirectories and file names that are not variable names are ignored. The
         * directory is read by {@link #build()}; it must exist (a missing one is a problem when
         * binding). Default: no directory.
         *
         * @param directory the mounted directory, such as {@code /etc/config}
         * @return this builder
         * @throws NullPointerException if {@code directory} is null
         */
        public Builder directory(Path directory) {
            directories.add(Objects.requireNonNull(directory, "directory"));
            return this;
        }

        /**
         * Reads no {@code .env} file at all (in production, for example).
         *
         * @return this builder
         */
        public Builder noDotEnv() {
            this.dotEnv = null;
            this.dotEnvRequired = false;
            return this;
        }

        /**
         * Converts values of {@code type} with {@code converter}, before any built-in rule. An
         * unchecked exception thrown by the converter becomes a problem naming the variable, with
         * the exception's message (parts of a {@link Secret} value hidden).
         *
         * @param type the type, as declared in the record (or as a List, Set, Map, Optional or
         *     Secret element)
         * @param converter converts trimmed, non-empty text; must not return null
         * @param <T> the type
         * @return this builder
         * @throws NullPointerException if an argument is null
         */
        public <T> Builder converter(Class<T> type, Function<String, ? extends T> converter) {
            converters.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(converter, "converter"));
            return this;
        }

        /**
         * Builds the source, reading the {@code .env} file and the directories now (problems with
         * them are reported by {@link Source#bind(Class)}).
         *
         * @return the source
         */
        public Source build() {
            Map<String, String> env = variables == null ? System.getenv() : variables;
            DotEnv file = dotEnv == null ? null : DotEnv.read(dotEnv, !dotEnvRequired);
            ConfigTree tree = directories.isEmpty() ? null : ConfigTree.read(directories);
            return new Source(env, tree, file, converters.isEmpty() ? Map.of() : Map.copyOf(converters), warnings,
                    rejectUnknown);
        }
    }
}
