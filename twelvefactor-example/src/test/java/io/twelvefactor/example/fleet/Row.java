package io.twelvefactor.example.fleet;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What one fleet scenario measured, as one row of the README's table: what the clients saw
 * through the balancer, and how long new replicas took to be ready; with workers, what became
 * of the notes' jobs.
 */
record Row(Fleet.Scenario scenario, int requests, int ok, Map<Integer, Integer> non2xx,
           Map<Load.Failure, Integer> socketErrors, int missing, double[] steady, double[] change,
           List<Duration> timeToReady, Optional<Jobs> jobs) {

    /** This row with what the workers did. */
    Row withJobs(Jobs j) {
        return new Row(scenario, requests, ok, non2xx, socketErrors, missing, steady, change, timeToReady, Optional.of(j));
    }

    /** Non-2xx answers and socket errors: what a client saw fail. */
    int clientFailures() {
        int n = 0;
        for (int c : non2xx.values()) {
            n += c;
        }
        for (int c : socketErrors.values()) {
            n += c;
        }
        return n;
    }

    static String header() {
        return "| scenario | requests | 2xx | non-2xx | socket errors | 201 missing from DB"
                + " | p50 / p99 steady | p50 / p99 during change | time to ready |\n"
                + "|---|---:|---:|---|---|---:|---|---|---|";
    }

    String markdown() {
        return "| " + scenario.title + " | " + requests + " | " + ok + " | " + counts(non2xx) + " | "
                + counts(socketErrors) + " | " + missing + " | " + ms(steady) + " | " + ms(change) + " | "
                + ready() + " |";
    }

    private String ready() {
        if (timeToReady.isEmpty()) {
            return "";
        }
        long sum = 0;
        long max = 0;
        for (Duration d : timeToReady) {
            sum += d.toMillis();
            max = Math.max(max, d.toMillis());
        }
        return String.format(Locale.ROOT, "%.1f s (max %.1f)", sum / 1000.0 / timeToReady.size(), max / 1000.0);
    }

    private static String counts(Map<?, Integer> m) {
        if (m.isEmpty()) {
            return "0";
        }
        StringBuilder b = new StringBuilder();
        m.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k.toString().toLowerCase(Locale.ROOT))
                .append(": ").append(v));
        return b.toString();
    }

    private static String ms(double[] p) {
        return p == null ? "" : String.format(Locale.ROOT, "%.1f / %.1f ms", p[0], p[1]);
    }
}
