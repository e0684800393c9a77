package dev.portreg.registry;

import io.quarkus.logging.Log;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Rows in PostgreSQL COPY text format (tab-separated, \N for null, backslash escapes) and the COPY
 * that writes them; also hands out new serial ids in bulk for rows written this way.
 */
final class CopyRows {
    private final StringBuilder text = new StringBuilder(1 << 16);
    private int rows;

    void row(String... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append('\t');
            }
            String v = values[i];
            if (v == null) {
                text.append("\\N");
                continue;
            }
            for (int j = 0; j < v.length(); j++) {
                char ch = v.charAt(j);
                switch (ch) {
                    case '\\' -> text.append("\\\\");
                    case '\t' -> text.append("\\t");
                    case '\n' -> text.append("\\n");
                    case '\r' -> text.append("\\r");
                    default -> text.append(ch);
                }
            }
        }
        text.append('\n');
        rows++;
    }

    void into(Connection c, String target) throws SQLException {
        if (rows == 0) {
            return;
        }
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        try {
            long n =
                    copy.copyIn(
                            "COPY " + target + " FROM STDIN", new StringReader(text.toString()));
            Log.debugf("copied %d rows into %s", n, target);
        } catch (IOException e) {
            throw new SQLException("COPY into " + target + " failed: " + e.getMessage(), e);
        }
    }

    /** {@code n} new ids from the serial sequence of {@code table}. */
    static long[] nextIds(Connection c, String table, int n) throws SQLException {
        long[] ids = new long[n];
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT nextval(pg_get_serial_sequence(?, 'id'))"
                                + " FROM generate_series(1, ?)")) {
            ps.setString(1, table);
            ps.setInt(2, n);
            try (ResultSet rs = ps.executeQuery()) {
                int i = 0;
                while (rs.next()) {
                    ids[i++] = rs.getLong(1);
                }
            }
        }
        return ids;
    }
}
