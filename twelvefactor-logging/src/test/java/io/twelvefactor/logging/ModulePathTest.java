package io.twelvefactor.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.twelvefactor.logging.modulepath.ModulePathMain;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM with this module and slf4j-api on the module path: a named module's
 * {@code META-INF/services} files are ignored there, so the SLF4J provider and the
 * {@code System.LoggerFinder} can only be found through the {@code provides} clauses of
 * {@code module-info.java}.
 */
class ModulePathTest {

    @Test
    void theProvidersAreFoundThroughModuleInfoOnTheModulePath(@TempDir Path dir) throws Exception {
        String classes = location(StdoutServiceProvider.class);
        String slf4j = location(org.slf4j.LoggerFactory.class);
        String testClasses = location(ModulePathMain.class);
        String java = ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + "/bin/java");
        ProcessBuilder builder = new ProcessBuilder(java,
                "--module-path", classes + File.pathSeparator + slf4j,
                "--add-modules", "io.twelvefactor.logging",
                "-cp", testClasses, ModulePathMain.class.getName());
        builder.environment().keySet().removeIf(k -> k.startsWith("LOG_"));
        // With JUL left alone, a System.Logger event on stdout can only come from this module's
        // LoggerFinder, not from the JDK's default finder through JUL.
        builder.environment().put("LOG_JUL_BRIDGE", "false");
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process child = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child did not exit");
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), stderr);
        assertFalse(stderr.contains("SLF4J"), stderr);
        assertTrue(stderr.contains("from JUL"), stderr);
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(2, lines.size(), lines.toString());
        JsonNode slf4jEvent = Capture.parse(lines.get(0));
        assertEquals("from SLF4J", slf4jEvent.get("message").asText());
        assertEquals("io.twelvefactor.logging", slf4jEvent.get("provider_module").asText());
        JsonNode system = Capture.parse(lines.get(1));
        assertEquals("from System.Logger", system.get("message").asText());
        assertEquals("system.modular", system.get("log.logger").asText());
    }

    /** The class path entry (directory or jar) a class was loaded from. */
    private static String location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
