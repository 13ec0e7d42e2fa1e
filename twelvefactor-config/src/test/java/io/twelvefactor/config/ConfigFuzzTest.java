package io.twelvefactor.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.twelvefactor.testkit.Marker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing of binding ({@link FuzzedConfig}: every supported type and wrapper).
 * {@code mvn verify} replays the committed inputs in
 * {@code src/test/resources/io/twelvefactor/config/ConfigFuzzTestInputs/}; a campaign searches
 * for new ones ({@code .ci/fuzz config ConfigFuzzTest variables 10}).
 *
 * <p>For every input: binding returns or throws {@link ConfigException}, nothing else; a
 * planted marker in every {@link Secret} value appears in no problem, warning or bound
 * record's {@code toString()}; a {@code .env} file's problems name a line of the file.
 */
class ConfigFuzzTest {

    /** Every variable {@link FuzzedConfig} reads, the secret ones, and a few it does not. */
    private static final String[] NAMES;
    private static final Set<String> SECRETS = new HashSet<>();
    private static Path dir;

    static {
        List<String> names = new ArrayList<>();
        for (ConfigDescription.Variable v : Env.describe(FuzzedConfig.class).variables()) {
            names.add(v.name());
            if (v.secret()) {
                SECRETS.add(v.name());
            }
        }
        for (String element : new String[] {"0", "1", "2", "9"}) {
            for (String part : new String[] {"HOST", "PORT", "TOKEN"}) {
                names.add("APP_SERVERS_" + element + "_" + part);
                names.add("APP_GROUPS_" + (element.equals("0") ? "A_B" : "K" + element) + "_" + part);
                if (part.equals("TOKEN")) {
                    SECRETS.add("APP_SERVERS_" + element + "_" + part);
                }
            }
        }
        SECRETS.add("APP_GROUPS_A_B_TOKEN");
        names.addAll(List.of("APP_OLD_NAME", "APP_PROT", "APP_DB_URI", "APP", "APP_", "OTHER"));
        NAMES = names.toArray(String[]::new);
    }

    @BeforeAll
    static void directory() throws IOException {
        dir = Files.createTempDirectory("config-fuzz");
    }

    @AfterAll
    static void clean() throws IOException {
        for (String f : new String[] {".env", "secret", "text"}) {
            Files.deleteIfExists(dir.resolve(f));
        }
        Files.delete(dir);
    }

    /** Fuzzed names and values from a map; every secret variable holds the marker. */
    @FuzzTest
    void variables(FuzzedDataProvider data) {
        List<String[]> pairs = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        while (data.remainingBytes() > 0 && pairs.size() < 32) {
            String name = data.consumeBoolean() ? data.pickValue(NAMES) : data.consumeString(24);
            String value = data.consumeString(80);
            if (!name.endsWith("_FILE")) {  // files: see dotEnvAndFiles, with files it wrote
                pairs.add(new String[] {name, value});
                all.append(name).append('\n').append(value).append('\n');
            }
        }
        String marker = Marker.freshIn(all.toString());
        Map<String, String> env = new HashMap<>();
        for (String[] p : pairs) {
            env.put(p[0], SECRETS.contains(p[0]) ? plant(p[1], marker) : p[1]);
        }
        bind(Env.builder().variables(env).noDotEnv(), marker, null, null);
    }

    /**
     * A fuzzed {@code .env} file (bytes, so also malformed UTF-8), after a first line that sets
     * a secret to the marker, and fuzzed {@code X_FILE} contents, the secret one with the marker.
     */
    @FuzzTest
    void dotEnvAndFiles(FuzzedDataProvider data) throws IOException {
        byte[] secretFile = data.consumeBytes(64);
        byte[] textFile = data.consumeBytes(64);
        byte[] dotEnv = data.consumeRemainingAsBytes();
        String marker = Marker.freshIn(new String(dotEnv, StandardCharsets.ISO_8859_1),
                new String(secretFile, StandardCharsets.ISO_8859_1));
        byte[] firstLine = ("APP_PIN=" + marker + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] file = new byte[firstLine.length + dotEnv.length];
        System.arraycopy(firstLine, 0, file, 0, firstLine.length);
        System.arraycopy(dotEnv, 0, file, firstLine.length, dotEnv.length);
        Path envFile = write(".env", file);
        Path secret = write("secret", plant(secretFile, marker));
        Path text = write("text", textFile);
        Map<String, String> env = Map.of("APP_DB_PASSWORD_FILE", secret.toString(),
                "APP_TEXT_FILE", text.toString());
        bind(Env.builder().variables(env).dotEnv(envFile), marker, envFile.toString(), file);
    }

    private static void bind(Env.Builder source, String marker, String dotEnvLabel, byte[] dotEnv) {
        List<ConfigException.Problem> warnings = new ArrayList<>();
        FuzzedConfig config;
        try {
            config = source.warnings(warnings::add).build().bind(FuzzedConfig.class);
        } catch (ConfigException e) {
            assertFalse(e.getMessage().contains(marker), e.getMessage());
            for (ConfigException.Problem p : e.problems()) {
                assertFalse(p.toString().contains(marker), p.toString());
                if (dotEnvLabel != null && p.source().startsWith(dotEnvLabel)) {
                    assertNamesALine(p, dotEnvLabel, dotEnv);
                }
            }
            config = null;
        }
        for (ConfigException.Problem w : warnings) {
            assertFalse(w.toString().contains(marker), w.toString());
        }
        if (config != null) {
            assertFalse(config.toString().contains(marker), config.toString());
        }
    }

    private static final Pattern LINE = Pattern.compile(" line ([0-9]+)$");

    /** The problem names a line of the file, or is about the whole file being unreadable. */
    private static void assertNamesALine(ConfigException.Problem p, String label, byte[] file) {
        String where = p.source().substring(label.length());
        if (where.isEmpty()) {
            assertTrue(p.message().equals("the file is not valid UTF-8"), p.toString());
            return;
        }
        Matcher m = LINE.matcher(where);
        assertTrue(m.matches(), p.toString());
        int lines = 1;
        for (int i = 0; i < file.length; i++) {
            if (file[i] == '\n' || file[i] == '\r' && (i + 1 == file.length || file[i + 1] != '\n')) {
                lines++;
            }
        }
        int line = Integer.parseInt(m.group(1));
        assertTrue(line >= 1 && line <= lines, p + " of " + lines + " lines");
    }

    /** The value with the marker in its middle. */
    static String plant(String value, String marker) {
        int half = value.length() / 2;
        return value.substring(0, half) + marker + value.substring(half);
    }

    private static byte[] plant(byte[] value, String marker) {
        byte[] m = marker.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[value.length + m.length];
        int half = value.length / 2;
        System.arraycopy(value, 0, out, 0, half);
        System.arraycopy(m, 0, out, half, m.length);
        System.arraycopy(value, half, out, half + m.length, value.length - half);
        return out;
    }

    private static Path write(String name, byte[] content) {
        try {
            return Files.write(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
