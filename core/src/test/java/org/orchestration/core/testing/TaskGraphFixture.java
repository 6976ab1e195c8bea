package org.orchestration.core.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.orchestration.core.auth.User;
import org.orchestration.core.db.Database;
import org.orchestration.core.json.Json;

/**
 * Writes a project, an approved plan and a task graph straight into the tables, as the
 * Decomposer would (tasks without dependencies PENDING, the others BLOCKED), so execution can be
 * tested without planning.
 *
 * <pre>
 * TaskGraphFixture g = new TaskGraphFixture(db, owner);
 * String a = g.task("A").priority(90).add();
 * String b = g.task("B").deps(a).add();
 * </pre>
 */
public final class TaskGraphFixture {

    private final Database db;
    private final String projectId;
    private final String planId;
    private int seq;
    private String provider = "simulated";
    private String model = "sim-1";

    public TaskGraphFixture(Database db, User owner) {
        this(db, owner, "READY", "Build a small thing.");
    }

    public TaskGraphFixture(Database db, User owner, String projectStatus, String requirements) {
        this.db = db;
        this.projectId = insertProject(db, owner, projectStatus, requirements);
        this.planId = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        db.update("INSERT INTO plans (id, project_id, version, status, body, created_at, updated_at, approved_at) "
                + "VALUES (?, ?, 1, 'APPROVED', ?, ?, ?, ?)", planId, projectId,
                "{\"summary\":\"Plan summary for the test.\",\"phases\":[{\"name\":\"Only phase\"}]}", now, now, now);
    }

    /** Inserts a bare project (no plan, no tasks). */
    public static String insertProject(Database db, User owner, String status) {
        return insertProject(db, owner, status, "Build a small thing.");
    }

    private static String insertProject(Database db, User owner, String status, String requirements) {
        String id = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        db.update("INSERT INTO projects (id, owner_id, name, requirements, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                id, owner.id(), "Project " + id.substring(0, 6), requirements, status, now, now);
        return id;
    }

    public String projectId() {
        return projectId;
    }

    public String planId() {
        return planId;
    }

    /** Provider and model for the tasks added from now on. */
    public TaskGraphFixture route(String provider, String model) {
        this.provider = provider;
        this.model = model;
        return this;
    }

    public TaskSpec task(String title) {
        return new TaskSpec(title);
    }

    /** One task to add. */
    public final class TaskSpec {
        private final String title;
        private String description;
        private int priority = 50;
        private int maxTokens = 1000;
        private final Set<String> deps = new LinkedHashSet<>();
        private final List<String> tools = new ArrayList<>();

        private TaskSpec(String title) {
            this.title = title;
            this.description = "Do " + title + ".";
        }

        public TaskSpec description(String d) {
            this.description = d;
            return this;
        }

        public TaskSpec priority(int p) {
            this.priority = p;
            return this;
        }

        public TaskSpec maxTokens(int m) {
            this.maxTokens = m;
            return this;
        }

        public TaskSpec deps(String... ids) {
            deps.addAll(List.of(ids));
            return this;
        }

        public TaskSpec tools(String... names) {
            tools.addAll(List.of(names));
            return this;
        }

        /** Inserts the task and its dependency edges; returns its id. */
        public String add() {
            String id = UUID.randomUUID().toString();
            long now = System.currentTimeMillis();
            String toolsJson;
            try {
                toolsJson = Json.mapper().writeValueAsString(tools);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            db.inTransaction(() -> {
                db.update("INSERT INTO tasks (id, project_id, plan_id, seq, title, description, task_type, complexity, priority, "
                                + "tools, provider, model, max_tokens, status, created_at, updated_at) "
                                + "VALUES (?, ?, ?, ?, ?, ?, 'code', 'simple', ?, ?, ?, ?, ?, ?, ?, ?)",
                        id, projectId, planId, ++seq, title, description, priority, toolsJson, provider, model, maxTokens,
                        deps.isEmpty() ? "PENDING" : "BLOCKED", now, now);
                for (String d : deps) {
                    db.update("INSERT INTO task_deps (task_id, depends_on) VALUES (?, ?)", id, d);
                }
            });
            return id;
        }
    }
}
