package io.twelvefactor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Env#bind(Class)} against a real process environment and working directory, in a child JVM. */
class ProcessEnvironmentTest {
    @TempDir
    Path dir;

    @Test
    void bindReadsTheEnvironmentOverDotEnvInTheWorkingDirectory() throws Exception {
        Files.writeString(dir.resolve(".env"), "CHILD_PORT=1\nCHILD_NAME=from-dotenv\nCHILD_TOKEN='t0ken-value'\n",
                StandardCharsets.UTF_8);
        List<String> out = run(Map.of("CHILD_PORT", "8080"));
        assertEquals(List.of("BOUND ChildConfig[port=8080, name=from-dotenv, timeout=PT5S, token=Secret[redacted]]"), out);
    }

    @Test
    void bindReportsProblemsWithTheirSources() throws Exception {
        Files.writeString(dir.resolve(".env"), "# local\nCHILD_PORT=http\n", StandardCharsets.UTF_8);
        List<String> out = run(Map.of("CHILD_TOKEN", "secret-value-123"));
        assertEquals("PROBLEMS", out.get(0));
        assertTrue(out.get(1).startsWith("CHILD_PORT (.env line 2): \"http\" is not a whole number"), out::toString);
        assertTrue(out.get(2).startsWith("CHILD_NAME (environment and .env): is required but not set"), out::toString);
        assertEquals(3, out.size(), out::toString);
    }

    private List<String> run(Map<String, String> environment) throws IOException, InterruptedException, URISyntaxException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = location(Env.class) + File.pathSeparator + location(BindMain.class);
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", classPath, BindMain.class.getName())
                .directory(dir.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CHILD_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Thread out = drain(process.getInputStream(), stdout);
        Thread err = drain(process.getErrorStream(), stderr);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child JVM did not exit");
        out.join();
        err.join();
        assertEquals(0, process.exitValue(), stderr::toString);
        List<String> lines = new ArrayList<>(List.of(stdout.toString(StandardCharsets.UTF_8).split("\n")));
        lines.removeIf(String::isEmpty);
        return lines;
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static Thread drain(InputStream in, ByteArrayOutputStream sink) {
        Thread t = new Thread(() -> {
            try {
                in.transferTo(sink);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        t.start();
        return t;
    }
}
