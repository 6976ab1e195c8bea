package org.orchestration.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.db.Database;
import org.orchestration.core.testing.TestDb;

class SettingsStoreTest {

    @TempDir
    Path dir;
    Database db;
    SettingsStore settings;

    @BeforeEach
    void open() {
        db = TestDb.open(dir);
        settings = new SettingsStore(db, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void valuesRoundTripAsJson() {
        settings.put("execution.concurrency", 6);
        settings.put("llm.routing", Map.of("complex", "claude-sonnet-4-6"));
        settings.put("api.cors_origins", List.of("http://localhost:3000"));

        assertThat(settings.get("execution.concurrency", Integer.class)).contains(6);
        assertThat(settings.get("llm.routing", Map.class)).contains(Map.of("complex", "claude-sonnet-4-6"));
        assertThat(settings.get("missing", Integer.class, 3)).isEqualTo(3);
        assertThat(db.queryOne("SELECT value FROM settings WHERE key = 'execution.concurrency'", rs -> rs.getString(1))).contains("6");
    }

    @Test
    void aWriteInATransactionThatRollsBackLeavesNoStaleCache() {
        settings.put("k", 1);
        assertThat(settings.get("k", Integer.class)).contains(1);
        assertThatThrownBy(() -> db.inTransaction(() -> {
            settings.put("k", 2);
            assertThat(settings.get("k", Integer.class)).as("the transaction sees its own write").contains(2);
            throw new IllegalStateException("roll back");
        }));
        assertThat(settings.get("k", Integer.class)).contains(1);
    }

    @Test
    void putIfAbsentKeepsAnExistingValue() {
        settings.putIfAbsent("budget.daily_limit_usd", 5.0);
        settings.putIfAbsent("budget.daily_limit_usd", 9.0);
        assertThat(settings.get("budget.daily_limit_usd", Double.class)).contains(5.0);
        settings.remove("budget.daily_limit_usd");
        assertThat(settings.get("budget.daily_limit_usd", Double.class)).isEmpty();
    }
}
