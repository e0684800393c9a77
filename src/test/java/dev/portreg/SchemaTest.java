package dev.portreg;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.SchemaValidationException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The entities and the schema Flyway made agree: the check Hibernate made at every start
 * (schema-management.strategy=validate) before the app learnt to start without its database (ADR
 * 0012). Run against the migrated test schema.
 */
@QuarkusTest
class SchemaTest {

    @Inject EntityManagerFactory entityManagerFactory;
    @Inject AgroalDataSource dataSource;

    @Test
    void theEntitiesMatchTheFlywaySchema() throws SchemaValidationException {
        entityManagerFactory.getSchemaManager().validate();
    }

    @Test
    void aColumnAnEntityMapsButTheSchemaLacksFailsTheCheck() throws SQLException {
        execute("ALTER TABLE request_event RENAME COLUMN comment TO comment_hidden_by_schema_test");
        try {
            SchemaValidationException e =
                    assertThrows(
                            SchemaValidationException.class,
                            () -> entityManagerFactory.getSchemaManager().validate());
            assertTrue(
                    e.getMessage().contains("comment") && e.getMessage().contains("request_event"),
                    e.getMessage());
        } finally {
            execute(
                    "ALTER TABLE request_event RENAME COLUMN comment_hidden_by_schema_test TO"
                            + " comment");
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
