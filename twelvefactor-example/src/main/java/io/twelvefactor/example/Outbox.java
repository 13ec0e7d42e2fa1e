package io.twelvefactor.example;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The transactional outbox: one row per job, written with its note ({@link NoteStore#add}),
 * published by whichever web process claims it. A claim is a lease: rows a process claimed and
 * did not mark published (it died, the broker went away) become claimable again once the lease
 * ends, so any replica takes over and two never publish the same row at once.
 */
final class Outbox {

    /** A claimed row: the note whose job it is, and which publish attempt this is (1 for the first). */
    record Row(long id, long noteId, int published) {}

    /** Most rows claimed at once. */
    static final int BATCH = 100;

    private final DataSource dataSource;

    Outbox(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes a note's job, inside the note's own transaction. */
    static void insert(Connection c, long noteId, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into outbox (note_id, created_at) values (?, ?)")) {
            s.setLong(1, noteId);
            s.setObject(2, now.atOffset(ZoneOffset.UTC));
            s.executeUpdate();
        }
    }

    /**
     * Claims up to {@link #BATCH} unpublished rows whose lease is free or ended, for
     * {@code lease}, and counts this publish attempt on each. One statement: the rows are
     * locked {@code FOR UPDATE SKIP LOCKED}, so a claimer passes over rows another relay is
     * claiming or marking published instead of waiting for them. Without it, two relays
     * deadlocked now and then (one claiming, one marking its confirmed rows published: the
     * database aborted the mark, and those rows were published again once their lease ended).
     *
     * @param owner a token unique to this claim
     */
    List<Row> claim(String owner, Duration lease) throws SQLException {
        Instant now = Instant.now();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("update outbox"
                    + " set claimed_by = ?, claimed_until = ?, published_count = published_count + 1"
                    + " where published_at is null and (claimed_until is null or claimed_until < ?)"
                    + " and id in (select id from outbox where published_at is null"
                    + " and (claimed_until is null or claimed_until < ?) order by id fetch first " + BATCH + " rows only"
                    + " for update skip locked)")) {
                s.setString(1, owner);
                s.setObject(2, now.plus(lease).atOffset(ZoneOffset.UTC));
                s.setObject(3, now.atOffset(ZoneOffset.UTC));
                s.setObject(4, now.atOffset(ZoneOffset.UTC));
                if (s.executeUpdate() == 0) {
                    return List.of();
                }
            }
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select id, note_id, published_count from outbox"
                    + " where claimed_by = ? and published_at is null order by id")) {
                s.setString(1, owner);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        rows.add(new Row(r.getLong(1), r.getLong(2), r.getInt(3)));
                    }
                }
            }
            return rows;
        }
    }

    /** Marks rows published (the broker confirmed them). */
    void markPublished(List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "update outbox set published_at = ?, claimed_by = null, claimed_until = null where id = ?")) {
            for (Row row : rows) {
                s.setObject(1, now.atOffset(ZoneOffset.UTC));
                s.setLong(2, row.id());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Gives claimed rows back at once, so that they are retried without waiting for the lease. */
    void release(List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "update outbox set claimed_by = null, claimed_until = null where id = ? and published_at is null")) {
            for (Row row : rows) {
                s.setLong(1, row.id());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** How many rows wait to be published. */
    int pending() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from outbox where published_at is null");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getInt(1);
        }
    }
}
