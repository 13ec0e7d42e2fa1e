package io.twelvefactor.config;

import static io.twelvefactor.config.EnvTest.failure;
import static io.twelvefactor.config.EnvTest.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {
    @TempDir
    Path dir;

    record Db(Secret<String> password, int port) {
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private Path write(String name, String content) throws IOException {
        return write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheValueFromTheFileNamedByTheFileVariable() throws IOException {
        Path file = write("password", "s3cr3t\n");
        Db db = Env.of(Map.of("PASSWORD_FILE", file.toString(), "PORT_FILE", write("port", "5432\r\n").toString()))
                .bind(Db.class);
        assertEquals("s3cr3t", db.password().value());
        assertEquals(5432, db.port());
    }

    @Test
    void stripsExactlyOneTrailingLineBreak() throws IOException {
        Path file = write("password", "line1\nline2\n\n");
        assertEquals("line1\nline2\n", Env.of(Map.of("PASSWORD_FILE", file.toString(), "PORT", "1")).bind(Db.class)
                .password().value());
        Path none = write("none", "abc");
        assertEquals("abc", Env.of(Map.of("PASSWORD_FILE", none.toString(), "PORT", "1")).bind(Db.class)
                .password().value());
    }

    @Test
    void aMissingFileIsAProblemNamingTheFileVariable() {
        Path missing = dir.resolve("nope");
        ConfigException.Problem p = only(failure(Db.class, Map.of("PASSWORD_FILE", missing.toString(), "PORT", "1")));
        assertEquals("PASSWORD_FILE", p.variable());
        assertEquals("file " + missing + " (PASSWORD_FILE)", p.source());
        assertEquals("names a file that does not exist", p.message());
    }

    @Test
    void anOversizedFileIsAProblem() throws IOException {
        Path big = write("big", new byte[Binding.MAX_FILE_SIZE + 1]);
        ConfigException.Problem p = only(failure(Db.class, Map.of("PASSWORD_FILE", big.toString(), "PORT", "1")));
        assertEquals("PASSWORD_FILE", p.variable());
        assertTrue(p.message().contains("larger than 1 MiB"));
        Path exact = write("exact", "a".repeat(Binding.MAX_FILE_SIZE));
        assertEquals(Binding.MAX_FILE_SIZE, Env.of(Map.of("PASSWORD_FILE", exact.toString(), "PORT", "1"))
                .bind(Db.class).password().value().length());
    }

    @Test
    void aDirectoryOrInvalidUtf8IsAProblem() throws IOException {
        assertEquals("PASSWORD_FILE", only(failure(Db.class, Map.of("PASSWORD_FILE", dir.toString(), "PORT", "1")))
                .variable());
        Path latin1 = write("latin1", new byte[] {(byte) 0xe9, 'a'});
        assertTrue(only(failure(Db.class, Map.of("PASSWORD_FILE", latin1.toString(), "PORT", "1"))).message()
                .contains("not valid UTF-8"));
    }

    @Test
    void settingBothTheVariableAndItsFileIsAProblem() throws IOException {
        Path file = write("password", "from-file");
        ConfigException e = failure(Db.class, Map.of("PASSWORD", "from-env", "PASSWORD_FILE", file.toString(),
                "PORT", "1"));
        ConfigException.Problem p = only(e);
        assertEquals("PASSWORD", p.variable());
        assertEquals("is set, and so is PASSWORD_FILE; set only one of them", p.message());
        assertFalse(e.getMessage().contains("from-env") || e.getMessage().contains("from-file"));
    }

    @Test
    void aBadValueInAFileNamesTheVariableAndTheFile() throws IOException {
        Path file = write("port", "http");
        ConfigException.Problem p = only(failure(Db.class, Map.of("PASSWORD", "x", "PORT_FILE", file.toString())));
        assertEquals("PORT", p.variable());
        assertEquals("file " + file + " (PORT_FILE)", p.source());
    }

    record Dsns(Secret<ConfigTypes.Dsn> dsn) {
    }

    @Test
    void aLargeSecretThatAParseMethodQuotesIsHiddenAndTheMessageCut() throws IOException {
        String secret = "mysql://" + "k9".repeat(Binding.MAX_FILE_SIZE / 2 - 8);
        Path file = write("dsn", secret);
        ConfigException e = failure(Dsns.class, Map.of("DSN_FILE", file.toString()));
        String message = only(e).message();
        assertTrue(message.startsWith("the secret value (" + secret.length() + " characters) was rejected by"
                + " Dsn.parse(String): unsupported scheme in [redacted]"), message);
        assertTrue(message.length() < 600, message);
        assertFalse(message.contains("k9k9k9"), message);
    }

    @Test
    void anEmptyFileVariableCountsAsUnset() {
        Db db = Env.of(Map.of("PASSWORD", "x", "PASSWORD_FILE", "", "PORT", "1")).bind(Db.class);
        assertEquals("x", db.password().value());
    }
}
