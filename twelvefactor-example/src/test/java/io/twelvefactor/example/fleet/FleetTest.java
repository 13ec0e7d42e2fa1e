package io.twelvefactor.example.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The README's first fleet row, kept true by CI: three replicas behind HAProxy replaced one at
 * a time, three times over, under eight clients, and not one client sees a failure (a non-2xx
 * answer or a socket error, GET or POST) and every note answered 201 is in the database. Runs on
 * JDK 17 only (the JDK 25 run repeats the unit tests, not this minute of load), and skips, saying
 * why on the console, without haproxy or TEST_POSTGRES_URL.
 */
class FleetTest {
    private static final PrintStream CONSOLE =
            new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);

    @Test
    void rollingDeployBehindHaproxyFailsNoRequestAndLosesNoNote() throws Exception {
        skipUnless(Runtime.version().feature() == 17,
                "runs on JDK 17 only; this is JDK " + Runtime.version().feature());
        String url = System.getenv("TEST_POSTGRES_URL");
        skipUnless(url != null && !url.isBlank(), "TEST_POSTGRES_URL is not set (bash .ci/run sets it)");
        skipUnless(HaProxy.command().isPresent(), "haproxy is not installed (bash .ci/run installs it)");

        Fleet.Options options = Fleet.Options.defaults();
        Fleet fleet = new Fleet(options, url);
        fleet.createDatabase();
        Fleet.Row row;
        try {
            row = fleet.run(Fleet.Scenario.ROLLING);
        } finally {
            fleet.dropDatabase();
        }
        CONSOLE.println("[fleet] " + row.markdown());

        assertEquals(3 * options.rounds(), row.timeToReady().size(), "replicas replaced");
        assertTrue(row.requests() >= 1000, "too little load to show anything: " + row.markdown());
        assertEquals(0, row.clientFailures(), "failures seen through HAProxy: " + row.markdown());
        assertEquals(row.requests(), row.ok(), row.markdown());
        assertEquals(0, row.missing(), "notes answered 201 but missing from the database");
    }

    private static void skipUnless(boolean condition, String reason) {
        if (!condition) {
            CONSOLE.println("[SKIPPED] FleetTest: " + reason);
            Assumptions.abort(reason);
        }
    }
}
