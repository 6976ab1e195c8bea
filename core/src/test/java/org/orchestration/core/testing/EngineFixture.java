package org.orchestration.core.testing;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.budget.BudgetManager;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.events.ProgressBus;
import org.orchestration.core.execution.Executor;

/**
 * The execution engine wired over a real SQLite file with a {@link TaskScriptProvider}
 * ("simulated", model "sim-1" priced at 1 micro-dollar per token), a {@link PerTokenPriceBook} and
 * an echo tool: what execution tests, the crash test's child JVM and benchmarks start from.
 */
public final class EngineFixture implements AutoCloseable {

    public final Database db;
    public final Clock clock;
    public final AppConfig config;
    public final SettingsStore settings;
    public final ProgressBus bus;
    public final BudgetManager budget;
    public final TaskScriptProvider provider;
    public final PerTokenPriceBook prices;
    public final MapToolCatalog tools;
    public final Executor executor;

    private EngineFixture(Path dir, AppConfig.Execution execution, double dailyUsd, Clock clock) {
        this.clock = clock;
        this.db = TestDb.open(dir);
        this.config = TestConfig.withBudget(TestConfig.withExecution(TestConfig.defaults(dir), execution), dailyUsd, dailyUsd * 10);
        this.settings = new SettingsStore(db, clock);
        this.bus = new ProgressBus(db, clock, config.api().maxSubscribersPerProject());
        this.budget = new BudgetManager(db, settings, bus, clock, config.budget());
        this.provider = new TaskScriptProvider("simulated");
        this.prices = new PerTokenPriceBook().price("sim-1", 1, 1);
        this.tools = new MapToolCatalog(MapToolCatalog.echo());
        this.executor = new Executor(db, settings, config, clock, Map.of("simulated", provider), prices, tools, budget, bus);
    }

    public static EngineFixture open(Path dir, AppConfig.Execution execution, double dailyUsd) {
        return new EngineFixture(dir, execution, dailyUsd, Clock.systemDefaultZone());
    }

    public User user(Role role) {
        return TestDb.insertUser(db, role);
    }

    public String taskStatus(String taskId) {
        return db.queryOne("SELECT status FROM tasks WHERE id = ?", rs -> rs.getString(1), taskId).orElse("missing");
    }

    public String projectStatus(String projectId) {
        return db.queryOne("SELECT status FROM projects WHERE id = ?", rs -> rs.getString(1), projectId).orElse("missing");
    }

    public String taskColumn(String taskId, String column) {
        if (!column.matches("[a-z_]+")) {
            throw new IllegalArgumentException(column);
        }
        List<String> v = db.query("SELECT " + column + " FROM tasks WHERE id = ?", rs -> String.valueOf(rs.getString(1)), taskId);
        return v.isEmpty() || v.get(0).equals("null") ? null : v.get(0);
    }

    @Override
    public void close() {
        executor.close();
        bus.close();
        db.close();
    }
}
