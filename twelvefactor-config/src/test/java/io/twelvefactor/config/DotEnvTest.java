package io.twelvefactor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotEnvTest {
    @TempDir
    Path dir;

    @Test
    void parsesAssignmentsExportsCommentsAndQuotes() {
        DotEnv env = DotEnv.parse(".env", String.join("\n",
                "# a comment",
                "",
                "PLAIN=value  # trailing comment",
                "export EXPORTED = spaced value ",
                "SINGLE='no \\n escapes # here'",
                "DOUBLE=\"tab\\there\\nnewline \\\"quoted\\\" \\\\ \\$HOME\"",
                "MULTI=\"first",
                "second\"",
                "AFTER=1",
                "EMPTY=",
                "HASH=a#b",
                "WINDOWS=crlf\r",
                "PLAIN=later wins"));
        assertEquals(List.of(), env.problems);
        assertEquals("later wins", env.values.get("PLAIN"));
        assertEquals("spaced value", env.values.get("EXPORTED"));
        assertEquals("no \\n escapes # here", env.values.get("SINGLE"));
        assertEquals("tab\there\nnewline \"quoted\" \\ $HOME", env.values.get("DOUBLE"));
        assertEquals("first\nsecond", env.values.get("MULTI"));
        assertEquals("1", env.values.get("AFTER"));
        assertEquals(9, env.lines.get("AFTER"));
        assertEquals("", env.values.get("EMPTY"));
        assertEquals("a#b", env.values.get("HASH"));
        assertEquals("crlf", env.values.get("WINDOWS"));
        assertEquals(".env line 7", env.source("MULTI"));
    }

    @Test
    void malformedLinesAreProblemsWithTheirLineNumbers() {
        DotEnv env = DotEnv.parse("dev.env", "OK=1\nno equals sign\n=nokey\nQ=\"x\" trailing\nLAST=2\nOPEN='never closed\n");
        assertEquals(List.of("dev.env line 2", "dev.env line 3", "dev.env line 4", "dev.env line 6"),
                sources(env.problems));
        assertEquals("1", env.values.get("OK"));
        assertEquals("2", env.values.get("LAST"));
        assertTrue(env.problems.get(3).message().contains("never closed"));
        assertTrue(env.problems.get(0).message().contains("expected '=' after no"), env.problems.get(0)::message);
    }

    record App(int port, String name) {
    }

    @Test
    void theEnvironmentWinsOverDotEnvAndProblemsNameTheLine() throws IOException {
        Path file = Files.writeString(dir.resolve(".env"), "PORT=1\nNAME=from-file\n", StandardCharsets.UTF_8);
        App app = Env.builder().variables(Map.of("PORT", "2")).dotEnv(file).build().bind(App.class);
        assertEquals(new App(2, "from-file"), app);
        Path bad = Files.writeString(dir.resolve("bad.env"), "NAME=x\n\nPORT=eighty\n", StandardCharsets.UTF_8);
        ConfigException e = assertThrows(ConfigException.class,
                () -> Env.builder().variables(Map.of()).dotEnv(bad).build().bind(App.class));
        assertEquals(bad + " line 3", EnvTest.only(e).source());
    }

    @Test
    void aMalformedDotEnvFailsTheBindEvenWhenEveryValueBinds() throws IOException {
        Path file = Files.writeString(dir.resolve(".env"), "PORT=1\nNAME=x\ngarbage\n", StandardCharsets.UTF_8);
        ConfigException e = assertThrows(ConfigException.class,
                () -> Env.builder().variables(Map.of()).dotEnv(file).build().bind(App.class));
        assertEquals(file + " line 3", EnvTest.only(e).source());
    }

    @Test
    void aNamedFileMustExistAndDotEnvCanBeTurnedOff() {
        Path missing = dir.resolve("missing.env");
        ConfigException e = assertThrows(ConfigException.class,
                () -> Env.builder().variables(Map.of("PORT", "1", "NAME", "n")).dotEnv(missing).build().bind(App.class));
        assertEquals("the file does not exist", EnvTest.only(e).message());
        assertEquals(new App(1, "n"), Env.builder().variables(Map.of("PORT", "1", "NAME", "n")).dotEnv(missing)
                .noDotEnv().build().bind(App.class));
    }

    @Test
    void missingVariablesSayWhereTheyWereLookedFor() throws IOException {
        Path file = Files.writeString(dir.resolve(".env"), "NAME=x\n", StandardCharsets.UTF_8);
        ConfigException e = assertThrows(ConfigException.class,
                () -> Env.builder().variables(Map.of()).dotEnv(file).build().bind(App.class));
        assertEquals("environment and " + file, EnvTest.only(e).source());
    }

    private static List<String> sources(List<ConfigException.Problem> problems) {
        return problems.stream().map(ConfigException.Problem::source).toList();
    }
}
