package org.orchestration.core.db;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteDataSource;

/**
 * Runs the Flyway migrations under {@code classpath:db/migration}. Flyway borrows and returns its
 * own connections, so a failed migration leaves no connection open. Called once per start, by
 * {@link Database#open}, on whatever thread opens the database (never the UI thread).
 */
final class Migrations {

    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    static void migrate(Path file, Duration busyTimeout) {
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + file);
        dataSource.setEnforceForeignKeys(true);
        dataSource.setBusyTimeout((int) busyTimeout.toMillis());
        try {
            MigrateResult result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            if (result.migrationsExecuted > 0) {
                log.info("Applied {} migration(s); schema is now at version {}", result.migrationsExecuted, result.targetSchemaVersion);
            }
        } catch (FlywayException e) {
            SQLException sql = findSql(e);
            String message = sql != null
                    ? Database.describe(file, sql)
                    : "The database " + file + " could not be migrated: " + e.getMessage().lines().findFirst().orElse("");
            throw new DatabaseOpenException(message, e);
        }
    }

    private static SQLException findSql(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException se) {
                return se;
            }
        }
        return null;
    }
}
