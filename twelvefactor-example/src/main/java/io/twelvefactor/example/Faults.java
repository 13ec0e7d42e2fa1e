package io.twelvefactor.example;

import java.util.Locale;
import java.util.Map;

/**
 * Fault points for the tests, switched on by the test-only variable {@code EXAMPLE_TEST_FAULTS}
 * (comma-separated; never set it in production):
 * <ul>
 *   <li>{@code halt-after-commit}: the web process halts (exit 137, as after SIGKILL) right
 *       after the first note's transaction commits, before it answers or relays the job;</li>
 *   <li>{@code slow-job=MILLIS}: the worker takes this long (interruptibly) over a note whose
 *       text starts with {@code slow}.</li>
 * </ul>
 */
record Faults(boolean haltAfterCommit, long slowJobMillis) {

    static final String VARIABLE = "EXAMPLE_TEST_FAULTS";
    static final Faults NONE = new Faults(false, 0);
    /** The status of a halt at a fault point: what a shell reports after SIGKILL. */
    static final int HALT_STATUS = 137;

    static Faults from(Map<String, String> env) {
        String raw = env.get(VARIABLE);
        if (raw == null || raw.isBlank()) {
            return NONE;
        }
        boolean halt = false;
        long slow = 0;
        for (String item : raw.split(",")) {
            String f = item.strip().toLowerCase(Locale.ROOT);
            if (f.equals("halt-after-commit")) {
                halt = true;
            } else if (f.startsWith("slow-job=")) {
                slow = Long.parseLong(f.substring("slow-job=".length()));
            } else {
                throw new IllegalArgumentException(VARIABLE + "=\"" + raw + "\": unknown fault '" + f
                        + "'; expected halt-after-commit or slow-job=MILLIS (test only)");
            }
        }
        return new Faults(halt, slow);
    }

    void afterCommit(long noteId) {
        if (haltAfterCommit) {
            System.err.println("fault point halt-after-commit: halting after committing note " + noteId);
            System.err.flush();
            Runtime.getRuntime().halt(HALT_STATUS);
        }
    }

    /** Slows a job down when its note asks for it; throws if interrupted meanwhile. */
    void slowJob(String text) throws InterruptedException {
        if (slowJobMillis > 0 && text.startsWith("slow")) {
            org.slf4j.LoggerFactory.getLogger(Faults.class).warn("fault point slow-job: this job takes {} ms",
                    slowJobMillis);
            Thread.sleep(slowJobMillis);
        }
    }
}
