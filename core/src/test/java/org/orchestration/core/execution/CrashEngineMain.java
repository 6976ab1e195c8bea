package org.orchestration.core.execution;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.llm.ChatRequest;
import org.orchestration.core.llm.ChatResponse;
import org.orchestration.core.testing.EngineFixture;
import org.orchestration.core.testing.TaskScriptProvider;
import org.orchestration.core.testing.TestConfig;

/**
 * The engine as the crash test's child JVM runs it: recover, start every READY project, print
 * "STARTED", run until no project is RUNNING, print "DONE". The parent kills it at random points.
 * Arguments: the data folder.
 */
public final class CrashEngineMain {

    private CrashEngineMain() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        try (EngineFixture e = EngineFixture.open(dir, TestConfig.execution(4, 3, 5, 10, true, Duration.ofSeconds(1)), 1_000.0)) {
            e.settings.put(ExecutionSettings.RETRY_BASE_MS, 5);
            if (args.length > 1) {
                // a provider that takes a while keeps a run going across many kills
                e.provider.latency(Duration.ofMillis(Long.parseLong(args[1])));
            }
            // tasks offered a tool use it once, then answer: two provider calls, two usage rows
            e.provider.otherwise(CrashEngineMain::reply);
            e.executor.recover();
            User owner = e.db.queryOne("SELECT id, email FROM users LIMIT 1",
                    rs -> new User(rs.getString(1), rs.getString(2), rs.getString(2), Role.USER, true)).orElseThrow();
            List<String> ready = e.db.query("SELECT id FROM projects WHERE status = 'READY'", rs -> rs.getString(1));
            for (String p : ready) {
                e.executor.start(owner, p);
            }
            System.out.println("STARTED");
            System.out.flush();
            while (e.db.queryLong("SELECT count(*) FROM projects WHERE status = 'RUNNING'") > 0) {
                LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
            }
            System.out.println("DONE");
            System.out.flush();
        }
    }

    private static ChatResponse reply(ChatRequest r) {
        if (!r.tools().isEmpty() && r.messages().size() == 1) {
            return TaskScriptProvider.toolCall("Using a tool.", "echo", "{\"text\":\"x\"}");
        }
        return TaskScriptProvider.text("Result of " + TaskScriptProvider.taskTitle(r));
    }
}
