package io.twelvefactor.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twelvefactor.config.ConfigDescription;
import io.twelvefactor.config.Env;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Kubernetes manifests in {@code deploy/kubernetes} against the service itself: what drifts
 * in real projects when code and manifests are edited apart.
 */
class ManifestsTest {
    private static final Path DIR = Path.of("deploy", "kubernetes");
    /** The paths the service answers probes on (Api). */
    private static final Set<String> PROBE_PATHS = Set.of("/livez", "/readyz", "/startupz");

    private static final List<Map<String, Object>> documents = new ArrayList<>();
    private static final Map<String, Map<String, Object>> configMaps = new HashMap<>();
    private static final Set<String> secretNames = new HashSet<>();

    @BeforeAll
    static void parseEveryManifest() throws IOException {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 4, "expected the manifests in " + DIR.toAbsolutePath() + ", found " + files);
        for (Path f : files) {
            try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                for (Object doc : yaml.loadAll(r)) {
                    Map<String, Object> d = map(doc);
                    d.put("__file", f.getFileName().toString());
                    documents.add(d);
                    String name = str(map(d.get("metadata")).get("name"));
                    if ("ConfigMap".equals(d.get("kind"))) {
                        configMaps.put(name, map(d.get("data")));
                    } else if ("Secret".equals(d.get("kind"))) {
                        secretNames.add(name);
                    }
                }
            }
        }
    }

    @Test
    void everyVariableTheManifestsSetIsOneTheServiceReads() {
        Set<String> read = variablesTheServiceReads();
        List<String> unknown = new ArrayList<>();
        for (Container c : containers()) {
            for (String name : c.env().keySet()) {
                String variable = name.endsWith("_FILE") ? name.substring(0, name.length() - 5) : name;
                if (!read.contains(variable) && !(variable.startsWith("LOG_LEVEL_") && !variable.equals("LOG_LEVEL_"))) {
                    unknown.add(c.where() + ": " + name);
                }
            }
        }
        assertEquals(List.of(), unknown, "set in the manifests but read by nothing; the service reads " + read);
    }

    @Test
    void theGracePeriodOutlastsTheShutdownBudgetAndAnyPreStopSleep() {
        int checked = 0;
        for (Map<String, Object> pod : podSpecs()) {
            Object grace = pod.get("terminationGracePeriodSeconds");
            long graceSeconds = grace == null ? 30 : ((Number) grace).longValue();   // Kubernetes' default
            for (Container c : containersOf(pod)) {
                if (!isWeb(c) && !isWorker(c)) {
                    continue;   // migrate runs to its end; no drain to wait for
                }
                Duration budget = duration(c.env().getOrDefault("SHUTDOWN_TIMEOUT", defaultOf("SHUTDOWN_TIMEOUT")));
                Duration preStop = preStopSleep(c.spec());
                assertTrue(Duration.ofSeconds(graceSeconds).compareTo(budget.plus(preStop)) > 0,
                        c.where() + ": terminationGracePeriodSeconds " + graceSeconds + " s must be above SHUTDOWN_TIMEOUT "
                                + budget.toMillis() + " ms plus the preStop sleep " + preStop.toMillis() + " ms");
                checked++;
            }
        }
        assertTrue(checked >= 2, "expected a web and a worker container, found " + checked);
    }

    @Test
    void everyDeploymentReadiesANewPodBeforeItStopsAnOldOne() {
        int deployments = 0;
        for (Map<String, Object> d : documents) {
            if (!"Deployment".equals(d.get("kind"))) {
                continue;
            }
            Map<String, Object> strategy = map(map(d.get("spec")).get("strategy"));
            Map<String, Object> rolling = map(strategy.get("rollingUpdate"));
            assertEquals("RollingUpdate", strategy.get("type"), d.get("__file") + ": replace pods one at a time");
            assertEquals(0, rolling.get("maxUnavailable"), d.get("__file") + ": maxUnavailable 0, so that the rollout"
                    + " waits for each new pod's readiness before it stops an old one");
            for (Container c : containersOf(map(map(map(d.get("spec")).get("template")).get("spec")))) {
                assertFalse(map(c.spec().get("readinessProbe")).isEmpty(), c.where() + ": no readinessProbe, so the"
                        + " rollout cannot tell when the new pod is ready");
            }
            deployments++;
        }
        assertTrue(deployments >= 2, "expected the web and worker Deployments, found " + deployments);
    }

    @Test
    void aWorkersStartupProbeOutlastsItsBrokerRetriesAtStart() {
        int workers = 0;
        for (Container c : containers()) {
            if (!isWorker(c)) {
                continue;
            }
            Map<String, Object> probe = map(c.spec().get("startupProbe"));
            assertFalse(probe.isEmpty(), c.where() + ": a worker retries its broker for AMQP_CONNECT_TIMEOUT before"
                    + " it is started; give it a startupProbe on /startupz");
            long period = ((Number) probe.getOrDefault("periodSeconds", 10)).longValue();
            long failures = ((Number) probe.getOrDefault("failureThreshold", 3)).longValue();
            Duration retries = duration(c.env().getOrDefault("AMQP_CONNECT_TIMEOUT", defaultOf("AMQP_CONNECT_TIMEOUT")));
            assertTrue(Duration.ofSeconds(period * failures).compareTo(retries) > 0, c.where() + ": the startupProbe"
                    + " gives up after " + period * failures + " s, before AMQP_CONNECT_TIMEOUT " + retries.toSeconds()
                    + " s of broker retries end with the worker's own exit 69 and its reason");
            workers++;
        }
        assertTrue(workers > 0, "no worker container found");
    }

    @Test
    void probesUsePathsAndThePortTheServiceServes() {
        int probes = 0;
        for (Container c : containers()) {
            Map<String, Integer> ports = new HashMap<>();
            for (Object p : list(c.spec().get("ports"))) {
                Map<String, Object> port = map(p);
                ports.put(str(port.get("name")), ((Number) port.get("containerPort")).intValue());
            }
            int servicePort = Integer.parseInt(c.env().getOrDefault("PORT", defaultOf("PORT")));
            for (String kind : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
                Map<String, Object> probe = map(c.spec().get(kind));
                if (probe.isEmpty()) {
                    continue;
                }
                Map<String, Object> get = map(probe.get("httpGet"));
                assertTrue(PROBE_PATHS.contains(str(get.get("path"))), c.where() + " " + kind + ": the service serves "
                        + PROBE_PATHS + ", not " + get.get("path"));
                Object port = get.get("port");
                int number = port instanceof Number n ? n.intValue() : ports.getOrDefault(str(port), -1);
                assertEquals(servicePort, number, c.where() + " " + kind + ": port " + port
                        + " is not PORT (" + servicePort + ")");
                probes++;
            }
            if (isWeb(c)) {
                assertEquals(Integer.valueOf(servicePort), ports.get("http"), c.where() + ": containerPort http must be PORT");
            }
        }
        assertTrue(probes >= 2, "expected a readiness and a liveness probe");
        for (Map<String, Object> d : documents) {
            if ("Service".equals(d.get("kind"))) {
                for (Object p : list(map(d.get("spec")).get("ports"))) {
                    assertEquals("http", map(p).get("targetPort"), d.get("__file") + ": target the container's named port");
                }
            }
        }
    }

    @Test
    void secretsArriveAsFilesFromAMountedSecret() {
        Set<String> secret = new HashSet<>(List.of("DATABASE_URL"));   // a URL that carries a password
        for (ConfigDescription.Variable v : Env.describe(ServiceConfig.class).variables()) {
            if (v.secret()) {
                secret.add(v.name());
            }
        }
        int files = 0;
        for (Container c : containers()) {
            Map<String, String> mounts = secretMounts(c);
            for (Map.Entry<String, String> e : c.env().entrySet()) {
                String name = e.getKey();
                assertFalse(secret.contains(name), c.where() + ": " + name + " is a secret: pass it as " + name
                        + "_FILE, a file of a mounted Secret, not as a value in the environment");
                if (name.endsWith("_FILE")) {
                    String path = e.getValue();
                    assertTrue(mounts.keySet().stream().anyMatch(m -> path.startsWith(m + "/")),
                            c.where() + ": " + name + "=" + path + " is not under a mounted Secret " + mounts.keySet());
                    files++;
                }
            }
            for (Object env : list(c.spec().get("env"))) {
                Map<String, Object> valueFrom = map(map(env).get("valueFrom"));
                assertFalse(valueFrom.containsKey("secretKeyRef"), c.where() + ": " + map(env).get("name")
                        + " comes from secretKeyRef: mount the Secret and use the _FILE variable");
            }
        }
        assertTrue(files > 0, "no _FILE variable found");
        for (Map<String, Object> data : configMaps.values()) {
            for (String key : data.keySet()) {
                assertFalse(secret.contains(key), "the ConfigMap holds the secret " + key);
            }
        }
    }

    // ---- the service's side

    /**
     * The service's variables (Env.describe) and the library's, as the {@code env} command lists
     * them, less those it lists as not read by this service ({@code HEALTH_PORT}).
     */
    private static Set<String> variablesTheServiceReads() {
        Set<String> names = new HashSet<>();
        Matcher m = Pattern.compile("^\\| `([A-Z0-9_<>]+)` \\|(.*)$", Pattern.MULTILINE).matcher(EnvCommand.describe());
        while (m.find()) {
            if (!m.group(2).contains("not read by this service")) {
                names.add(m.group(1));
            }
        }
        assertTrue(names.contains("PORT") && names.contains("LOG_LEVEL"), "the env command's table changed: " + names);
        return names;
    }

    private static String defaultOf(String variable) {
        return Env.describe(ServiceConfig.class).variables().stream().filter(v -> v.name().equals(variable))
                .findFirst().orElseThrow().defaultValue().orElseThrow();
    }

    /** {@code 25s}, {@code 1500ms}, {@code 1m} or ISO-8601: what the manifests use of the grammar. */
    private static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("pt")) {
            return Duration.parse(t.toUpperCase(Locale.ROOT));
        }
        Matcher m = Pattern.compile("(\\d+)(ms|s|m)").matcher(t);
        assertTrue(m.matches(), "unexpected duration " + text);
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }

    private static Duration preStopSleep(Map<String, Object> container) {
        List<Object> command = list(map(map(map(map(container.get("lifecycle")).get("preStop")).get("exec"))).get("command"));
        if (command.isEmpty()) {
            Map<String, Object> sleep = map(map(map(container.get("lifecycle")).get("preStop")).get("sleep"));
            return sleep.isEmpty() ? Duration.ZERO : Duration.ofSeconds(((Number) sleep.get("seconds")).longValue());
        }
        String joined = String.join(" ", command.stream().map(String::valueOf).toList());
        Matcher m = Pattern.compile("sleep\\s+(\\d+)").matcher(joined);
        return m.find() ? Duration.ofSeconds(Long.parseLong(m.group(1))) : Duration.ZERO;
    }

    // ---- the manifests' side

    private record Container(String where, Map<String, Object> spec, Map<String, String> env, Map<String, Object> pod) {}

    private static boolean isWeb(Container c) {
        return list(c.spec().get("args")).contains("run");
    }

    private static boolean isWorker(Container c) {
        return list(c.spec().get("args")).contains("worker");
    }

    private static List<Map<String, Object>> podSpecs() {
        List<Map<String, Object>> pods = new ArrayList<>();
        for (Map<String, Object> d : documents) {
            Map<String, Object> pod = map(map(map(d.get("spec")).get("template")).get("spec"));
            if (!pod.isEmpty()) {
                pod.put("__file", d.get("__file"));
                pods.add(pod);
            }
        }
        assertFalse(pods.isEmpty(), "no Deployment or Job found");
        return pods;
    }

    private static List<Container> containers() {
        List<Container> all = new ArrayList<>();
        for (Map<String, Object> pod : podSpecs()) {
            all.addAll(containersOf(pod));
        }
        return all;
    }

    /** Containers and init containers, each with the environment it gets (envFrom ConfigMaps, then env). */
    private static List<Container> containersOf(Map<String, Object> pod) {
        List<Container> out = new ArrayList<>();
        for (String key : List.of("initContainers", "containers")) {
            for (Object o : list(pod.get(key))) {
                Map<String, Object> c = map(o);
                Map<String, String> env = new HashMap<>();
                for (Object from : list(c.get("envFrom"))) {
                    String ref = str(map(map(from).get("configMapRef")).get("name"));
                    assertTrue(ref == null || configMaps.containsKey(ref), pod.get("__file") + ": no ConfigMap " + ref);
                    assertTrue(map(map(from).get("secretRef")).isEmpty(), pod.get("__file")
                            + ": envFrom secretRef puts secrets in the environment; mount them and use _FILE");
                    if (ref != null) {
                        configMaps.get(ref).forEach((k, v) -> env.put(k, String.valueOf(v)));
                    }
                }
                for (Object e : list(c.get("env"))) {
                    env.put(str(map(e).get("name")), str(map(e).get("value")));
                }
                out.add(new Container(pod.get("__file") + " " + c.get("name"), c, env, pod));
            }
        }
        return out;
    }

    /** Mount path of every volume that is a Secret of these manifests, by path. */
    private static Map<String, String> secretMounts(Container c) {
        Map<String, String> secretVolumes = new HashMap<>();
        for (Object v : list(c.pod().get("volumes"))) {
            String secretName = str(map(map(v).get("secret")).get("secretName"));
            if (secretName != null) {
                assertTrue(secretNames.contains(secretName), "the Secret " + secretName + " has no example beside the manifests");
                secretVolumes.put(str(map(v).get("name")), secretName);
            }
        }
        Map<String, String> mounts = new HashMap<>();
        for (Object m : list(c.spec().get("volumeMounts"))) {
            String volume = str(map(m).get("name"));
            if (secretVolumes.containsKey(volume)) {
                mounts.put(str(map(m).get("mountPath")), secretVolumes.get(volume));
            }
        }
        return mounts;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : new HashMap<>();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }
}
