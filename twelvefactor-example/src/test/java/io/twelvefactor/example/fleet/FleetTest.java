package io.twelvefactor.example.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The README's rolling-deploy rows, kept true by CI: three replicas behind HAProxy and two
 * workers, all replaced one at a time, three times over, under eight clients. Not one client
 * sees a failure (a non-2xx answer or a socket error, GET or POST), every note answered 201 is
 * in the database, and once the queue has drained every note has its word count: no job lost
 * by a worker's SIGTERM, a web replica's drain or the relays taking over each other's outbox.
 * Runs on JDK 17 only (the JDK 25 run repeats the unit tests, not this minute of load), and
 * skips, saying why on the console, without haproxy, TEST_POSTGRES_URL or TEST_AMQP_URL.
 */
class FleetTest {
    private static final PrintStream CONSOLE =
            new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);

    @Test
    void rollingDeployOfWebAndWorkersBehindHaproxyFailsNoRequestAndLosesNoNoteNorJob() throws Exception {
        skipUnless(Runtime.version().feature() == 17,
                "runs on JDK 17 only; this is JDK " + Runtime.version().feature());
        String url = System.getenv("TEST_POSTGRES_URL");
        String amqp = System.getenv("TEST_AMQP_URL");
        skipUnless(url != null && !url.isBlank(), "TEST_POSTGRES_URL is not set (bash .ci/run sets it)");
        skipUnless(amqp != null && !amqp.isBlank(), "TEST_AMQP_URL is not set (bash .ci/run sets it)");
        skipUnless(HaProxy.command().isPresent(), "haproxy is not installed (bash .ci/run installs it)");

        Fleet.Options options = Fleet.Options.defaults();
        Fleet fleet = new Fleet(options, url, Optional.of(amqp));
        fleet.createDatabase();
        Row row;
        try {
            row = fleet.run(Fleet.Scenario.WORKERS);
        } finally {
            fleet.dropDatabase();
        }
        Jobs jobs = row.jobs().orElseThrow();
        CONSOLE.println("[fleet] " + row.markdown());
        CONSOLE.println("[fleet] " + jobs.markdown(row.scenario()));

        assertEquals(3 * options.rounds(), row.timeToReady().size(), "web replicas replaced");
        assertTrue(row.requests() >= 1000, "too little load to show anything: " + row.markdown());
        assertEquals(0, row.clientFailures(), "failures seen through HAProxy: " + row.markdown());
        assertEquals(row.requests(), row.ok(), row.markdown());
        assertEquals(0, row.missing(), "notes answered 201 but missing from the database");

        assertEquals(2 * options.rounds(), jobs.replacements(), "workers replaced");
        assertEquals(0, jobs.badExits(), "a replaced worker exited other than 0: " + jobs.markdown(row.scenario()));
        assertTrue(jobs.notes() >= 500, "too few notes to show anything: " + jobs.markdown(row.scenario()));
        assertEquals(0, jobs.withoutWordCount(), "notes left without their word count: " + jobs.markdown(row.scenario()));
        assertEquals(0, jobs.lost(), "notes answered 201 whose job no worker did: " + jobs.markdown(row.scenario()));
        assertEquals(jobs.notes(), jobs.published(), "every note's job published once at least");
        assertEquals(jobs.notes(), jobs.done(), "every note's job done: " + jobs.markdown(row.scenario()));
    }

    private static void skipUnless(boolean condition, String reason) {
        if (!condition) {
            CONSOLE.println("[SKIPPED] FleetTest: " + reason);
            Assumptions.abort(reason);
        }
    }
}
