package dev.aikagi.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.springframework.jdbc.core.SqlParameterValue;

/**
 * Instants in {@code timestamp with time zone} columns. Written as UTC {@link OffsetDateTime}, the type
 * JDBC 4.2 maps to that column on both H2 and PostgreSQL; truncated to microseconds first, because
 * PostgreSQL keeps no more and would otherwise round, possibly into the next microsecond.
 */
final class Timestamps {

    private Timestamps() {
    }

    /** A bind value for a (possibly null) instant. */
    static SqlParameterValue param(Instant instant) {
        return new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE, instant == null ? null : toDatabase(instant));
    }

    static OffsetDateTime toDatabase(Instant instant) {
        return truncate(instant).atOffset(ZoneOffset.UTC);
    }

    /** The precision every instant is stored with. */
    static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** The instant in {@code column}, or null. */
    static Instant read(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
