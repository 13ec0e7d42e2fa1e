package io.twelvefactor.example.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the workers of a fleet scenario did with the jobs of the notes stored through the
 * balancer, as one row of the README's second fleet table: from the outbox (PostgreSQL), the
 * workers' job events (their logs) and the notes' word counts (PostgreSQL, read last).
 *
 * @param notes            notes in the database at the end
 * @param published        outbox rows the relays published (the broker confirmed them)
 * @param republished      of those, rows published more than once (a confirm lost, a lease taken over)
 * @param done             distinct jobs some worker logged {@code done}
 * @param deliveries       deliveries the workers logged, whatever their outcome
 * @param redelivered      deliveries the broker flagged as redelivered (a worker returned or lost them)
 * @param returned         deliveries a worker gave back to the queue on SIGTERM
 * @param lost             notes answered 201 whose job no worker logged {@code done}
 * @param withoutWordCount notes in the database whose word count is still empty
 * @param replacements     workers replaced during the scenario
 * @param badExits         replaced workers that did not exit 0
 * @param drain            from the end of the load to the last note's word count
 */
record Jobs(int notes, int published, int republished, int done, int deliveries, int redelivered, int returned,
            int lost, int withoutWordCount, int replacements, int badExits, Duration drain) {

    private static final Pattern JOB_ID = Pattern.compile("\"job\\.id\":(-?\\d+)");
    private static final Pattern OUTCOME = Pattern.compile("\"outcome\":\"([a-z-]+)\"");

    static String header() {
        return "| scenario | notes | jobs published (again) | jobs done | deliveries | redelivered | returned on SIGTERM"
                + " | lost | notes without word count | workers replaced (exit not 0) | queue drained after load |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|";
    }

    String markdown(Fleet.Scenario scenario) {
        return "| " + scenario.title + " | " + notes + " | " + published + " (" + republished + ") | " + done + " | "
                + deliveries + " | " + redelivered + " | " + returned + " | " + lost + " | " + withoutWordCount + " | "
                + replacements + " (" + badExits + ") | "
                + String.format(Locale.ROOT, "%.1f s", drain.toMillis() / 1000.0) + " |";
    }

    /**
     * Reads the row once the workers have exited (their logs are complete): the job events of
     * every {@code w*.log} in {@code dir}, the outbox and the notes of {@code db}.
     *
     * @param created the notes answered 201
     */
    static Jobs read(Path dir, Connection db, Collection<Long> created, int replacements, int badExits, Duration drain)
            throws IOException, SQLException {
        Set<Long> doneIds = new HashSet<>();
        int deliveries = 0;
        int redelivered = 0;
        int returned = 0;
        List<Path> logs;
        try (Stream<Path> s = Files.list(dir)) {
            logs = s.filter(p -> p.getFileName().toString().matches("w\\d+-.*\\.log")).sorted().toList();
        }
        for (Path log : logs) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                Matcher outcome = OUTCOME.matcher(line);
                Matcher id = JOB_ID.matcher(line);
                if (!outcome.find() || !id.find()) {
                    continue;
                }
                deliveries++;
                redelivered += line.contains("\"redelivered\":true") ? 1 : 0;
                switch (outcome.group(1)) {
                    case "done" -> doneIds.add(Long.parseLong(id.group(1)));
                    case "returned" -> returned++;
                    default -> { }
                }
            }
        }
        int lost = 0;
        for (long id : created) {
            lost += doneIds.contains(id) ? 0 : 1;
        }
        return new Jobs(count(db, "select count(*) from notes"),
                count(db, "select count(*) from outbox where published_at is not null"),
                count(db, "select count(*) from outbox where published_at is not null and published_count > 1"),
                doneIds.size(), deliveries, redelivered, returned, lost,
                count(db, "select count(*) from notes where word_count is null"), replacements, badExits, drain);
    }

    static int count(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }
}
