package dev.portreg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md's ER diagram draws every table and every column of the schema Flyway builds,
 * and nothing that is not there: a migration that adds a column fails here until the diagram has
 * it.
 */
@QuarkusTest
class DataModelDocTest {

    private static final Pattern ENTITY = Pattern.compile("^    ([a-z_]+) \\{$");
    private static final Pattern COLUMN = Pattern.compile("^        \\S+ ([a-z_]+)");

    @Inject AgroalDataSource dataSource;

    @Test
    void theDiagramHasEveryTableAndColumn() throws Exception {
        String doc = Files.readString(Path.of("docs/architecture.md"));
        int start = doc.indexOf("erDiagram");
        String er = doc.substring(start, doc.indexOf("```", start));
        Set<String> drawn = new TreeSet<>();
        String table = null;
        for (String line : er.split("\n")) {
            Matcher e = ENTITY.matcher(line);
            Matcher c = COLUMN.matcher(line);
            if (e.matches()) {
                table = e.group(1);
            } else if (line.strip().equals("}")) {
                table = null;
            } else if (table != null && c.find()) {
                drawn.add(table + "." + c.group(1));
            }
        }
        Set<String> schema = new TreeSet<>();
        try (Connection conn = dataSource.getConnection();
                Statement s = conn.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT table_name, column_name FROM information_schema.columns"
                                        + " WHERE table_schema = current_schema()"
                                        + " AND table_name <> 'flyway_schema_history'")) {
            while (rs.next()) {
                schema.add(rs.getString(1) + "." + rs.getString(2));
            }
        }
        assertEquals(schema, drawn);
    }
}
