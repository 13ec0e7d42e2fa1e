package io.twelvefactor.config;

import static io.twelvefactor.config.EnvTest.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTreeTest {
    @Prefix("APP")
    record Config(@Default("8080") int port, String greeting, Optional<Secret<String>> token, Optional<String> hidden) {
    }

    /** Lays a directory out as the kubelet does: files in a timestamped directory, ..data and links through it. */
    static Path kubernetesVolume(Path root, String version, Map<String, String> files) throws Exception {
        Path data = root.resolve("..2024_05_01_12_00_00." + version);
        Files.createDirectories(data);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(data.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
        }
        Path link = root.resolve("..data");
        Path tmp = root.resolve("..data_tmp");
        Files.deleteIfExists(tmp);
        Files.createSymbolicLink(tmp, data.getFileName());
        Files.move(tmp, link, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        for (String name : files.keySet()) {
            Path visible = root.resolve(name);
            if (!Files.isSymbolicLink(visible)) {
                Files.createSymbolicLink(visible, Path.of("..data", name));
            }
        }
        return root;
    }

    static Env.Source source(Map<String, String> env, Path directory) {
        return Env.builder().variables(env).noDotEnv().directory(directory).build();
    }

    @Test
    void readsOneFilePerVariableFromAKubernetesVolume(@TempDir Path root) throws Exception {
        kubernetesVolume(root, "1", Map.of("APP_PORT", "9090\n", "APP_GREETING", "hello\r\n", "APP_TOKEN", "t0ken"));
        Files.writeString(root.resolve(".APP_HIDDEN"), "never");
        Files.writeString(root.resolve("application.properties"), "x=1");
        Config c = source(Map.of(), root).bind(Config.class);
        assertEquals(9090, c.port());
        assertEquals("hello", c.greeting());
        assertEquals("t0ken", c.token().get().value());
        assertEquals(Optional.empty(), c.hidden());
    }

    @Test
    void readsTheVersionDataPointsToAndNothingElse(@TempDir Path root) throws Exception {
        kubernetesVolume(root, "1", Map.of("APP_GREETING", "old", "APP_PORT", "1111"));
        kubernetesVolume(root, "2", Map.of("APP_GREETING", "new"));
        Config c = source(Map.of(), root).bind(Config.class);
        assertEquals("new", c.greeting());
        assertEquals(8080, c.port(), "APP_PORT is only in the old version, and its link now dangles");
    }

    @Test
    void theEnvironmentWinsOverTheDirectoryWhichWinsOverDotEnv(@TempDir Path root) throws Exception {
        Path dir = Files.createDirectory(root.resolve("config"));
        Files.writeString(dir.resolve("APP_PORT"), "2222");
        Files.writeString(dir.resolve("APP_GREETING"), "from directory");
        Path dotEnv = root.resolve(".env");
        Files.writeString(dotEnv, "APP_PORT=3333\nAPP_GREETING=from dotenv\nAPP_HIDDEN=from dotenv\n");
        Config c = Env.builder().variables(Map.of("APP_PORT", "1111")).dotEnv(dotEnv).directory(dir).build()
                .bind(Config.class);
        assertEquals(1111, c.port());
        assertEquals("from directory", c.greeting());
        assertEquals(Optional.of("from dotenv"), c.hidden());
    }

    @Test
    void aProblemNamesTheFile(@TempDir Path root) throws Exception {
        Path dir = Files.createDirectory(root.resolve("config"));
        Files.writeString(dir.resolve("APP_PORT"), "80x");
        Files.writeString(dir.resolve("APP_GREETING"), "hi");
        ConfigException.Problem p = only(assertThrows(ConfigException.class, () -> source(Map.of(), dir).bind(Config.class)));
        assertEquals("APP_PORT", p.variable());
        assertEquals("file " + dir.resolve("APP_PORT") + " (directory " + dir + ")", p.source());
    }

    @Test
    void aSecretFileThatBreaksTheFileRulesIsAProblemWithoutItsContent(@TempDir Path root) throws Exception {
        Path dir = Files.createDirectory(root.resolve("config"));
        Files.writeString(dir.resolve("APP_GREETING"), "hi");
        Files.write(dir.resolve("APP_TOKEN"), new byte[] {'s', '3', (byte) 0xff});
        Files.write(dir.resolve("APP_PORT"), new byte[Binding.MAX_FILE_SIZE + 1]);
        ConfigException e = assertThrows(ConfigException.class, () -> source(Map.of(), dir).bind(Config.class));
        assertEquals(2, e.problems().size(), e::getMessage);
        assertEquals("APP_PORT (file " + dir.resolve("APP_PORT") + " (directory " + dir
                + ")): is in a file larger than 1 MiB; expected a small file", e.problems().get(0).toString());
        assertEquals("APP_TOKEN (file " + dir.resolve("APP_TOKEN") + " (directory " + dir
                + ")): is in a file that is not valid UTF-8", e.problems().get(1).toString());
    }

    @Test
    void anUnreadableFileThatNoComponentReadsIsNoProblem(@TempDir Path root) throws Exception {
        Path dir = Files.createDirectory(root.resolve("config"));
        Files.writeString(dir.resolve("APP_GREETING"), "hi");
        Files.write(dir.resolve("OTHER"), new byte[] {(byte) 0xff});
        assertEquals("hi", source(Map.of(), dir).bind(Config.class).greeting());
    }

    @Test
    void aMissingDirectoryIsAProblem(@TempDir Path root) {
        Path dir = root.resolve("absent");
        ConfigException e = assertThrows(ConfigException.class,
                () -> source(Map.of("APP_GREETING", "hi"), dir).bind(Config.class));
        ConfigException.Problem p = only(e);
        assertEquals(dir.toString(), p.variable());
        assertEquals("directory " + dir, p.source());
        assertTrue(p.message().startsWith("does not exist"), p::message);
    }

    @Test
    void aVariableInTheDirectoryAndItsFileVariantIsAProblem(@TempDir Path root) throws Exception {
        Path dir = Files.createDirectory(root.resolve("config"));
        Files.writeString(dir.resolve("APP_GREETING"), "hi");
        Path file = root.resolve("greeting.txt");
        Files.writeString(file, "hello");
        ConfigException.Problem p = only(assertThrows(ConfigException.class,
                () -> source(Map.of("APP_GREETING_FILE", file.toString()), dir).bind(Config.class)));
        assertEquals("APP_GREETING", p.variable());
        assertTrue(p.message().contains("and so is APP_GREETING_FILE"), p::message);
        assertFalse(p.message().contains("hello"));
    }
}
