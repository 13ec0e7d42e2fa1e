package io.twelvefactor.testkit;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;

/**
 * Skips a test that cannot run here and says why on the console. Surefire sends what tests write
 * to System.out and System.err to a file, and reports a skip only as a count; the reason is
 * written to the JVM's own stderr, which surefire passes through to the console.
 */
public final class Skip {
    private static final PrintStream CONSOLE =
            new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);

    private Skip() {
    }

    /** Skips the running test with {@code reason} unless {@code condition} holds. */
    public static void unless(boolean condition, String reason) {
        if (condition) {
            return;
        }
        String test = StackWalker.getInstance().walk(frames -> frames
                .filter(f -> f.getClassName().endsWith("Test"))
                .findFirst()
                .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1)
                        + "." + f.getMethodName())
                .orElse("a test"));
        CONSOLE.println("[SKIPPED] " + test + ": " + reason);
        Assumptions.abort(reason);
    }
}
