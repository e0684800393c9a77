package dev.portreg.request;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The database's CHECK on request_event.kind lists exactly the kinds {@link EventKind} has. */
@QuarkusTest
class EventKindCheckTest {

    @Inject AgroalDataSource dataSource;

    @Test
    void theCheckListsEveryKindAndNoOther() throws Exception {
        String definition;
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT pg_get_constraintdef(oid) FROM pg_constraint"
                                        + " WHERE conname = 'request_event_kind_check'"
                                        + " AND connamespace = current_schema()::regnamespace")) {
            rs.next();
            definition = rs.getString(1);
        }
        Set<String> checked = new TreeSet<>();
        Matcher m = Pattern.compile("'([a-z-]+)'").matcher(definition);
        while (m.find()) {
            checked.add(m.group(1));
        }
        Set<String> coded =
                Arrays.stream(EventKind.values())
                        .map(EventKind::slug)
                        .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(coded, checked);
    }
}
