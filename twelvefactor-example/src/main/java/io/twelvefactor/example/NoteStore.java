package io.twelvefactor.example;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import javax.sql.DataSource;

/**
 * The notes table, over plain JDBC. The same SQL runs on H2 and PostgreSQL. Adding a note
 * writes its word-count job to the outbox in the same transaction (see {@link Outbox}).
 */
final class NoteStore {
    /** A stored note; {@code wordCount} is empty until the word-count job ran. */
    record Note(long id, String text, Instant createdAt, OptionalInt wordCount) {}

    private final DataSource dataSource;
    private final Faults faults;
    private final Runnable jobWritten;

    NoteStore(DataSource dataSource) {
        this(dataSource, Faults.NONE, () -> { });
    }

    /** {@code jobWritten} runs after each commit of a note and its job (to wake the relay). */
    NoteStore(DataSource dataSource, Faults faults, Runnable jobWritten) {
        this.dataSource = dataSource;
        this.faults = faults;
        this.jobWritten = jobWritten;
    }

    /**
     * Stores the note and its job in one transaction: a note answered 201 always has its job,
     * whatever happens to the broker or to this process afterwards.
     */
    Note add(String text) throws SQLException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS); // what both databases keep
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long id;
                try (PreparedStatement s = c.prepareStatement("insert into notes (text, created_at) values (?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    s.setString(1, text);
                    s.setObject(2, now.atOffset(ZoneOffset.UTC));
                    s.executeUpdate();
                    try (ResultSet keys = s.getGeneratedKeys()) {
                        keys.next();
                        id = keys.getLong(1);
                    }
                }
                Outbox.insert(c, id, now);
                c.commit();
                faults.afterCommit(id);
                jobWritten.run();
                return new Note(id, text, now, OptionalInt.empty());
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    Optional<Note> find(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "select id, text, created_at, word_count from notes where id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(note(r)) : Optional.empty();
            }
        }
    }

    /** The newest notes first, at most {@code limit} of them. */
    List<Note> list(int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "select id, text, created_at, word_count from notes order by id desc")) {
            s.setMaxRows(limit);
            List<Note> notes = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    notes.add(note(r));
                }
            }
            return notes;
        }
    }

    /**
     * Records a note's word count. Idempotent: running the job twice leaves the same row.
     *
     * @return false when no such note exists
     */
    boolean setWordCount(long id, int count) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("update notes set word_count = ? where id = ?")) {
            s.setInt(1, count);
            s.setLong(2, id);
            return s.executeUpdate() == 1;
        }
    }

    /** Whitespace-separated words, as the job counts them. */
    static int countWords(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            boolean space = Character.isWhitespace(cp) || Character.isSpaceChar(cp);
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
            i += Character.charCount(cp);
        }
        return words;
    }

    private static Note note(ResultSet r) throws SQLException {
        int count = r.getInt(4);
        OptionalInt wordCount = r.wasNull() ? OptionalInt.empty() : OptionalInt.of(count); // before another get
        return new Note(r.getLong(1), r.getString(2), r.getObject(3, OffsetDateTime.class).toInstant(), wordCount);
    }
}
