package org.orchestration.bench.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.UUID;
import org.orchestration.core.auth.User;
import org.orchestration.core.db.Database;
import org.orchestration.core.model.TaskStatus;
import org.orchestration.core.tasks.TaskWrites;
import org.orchestration.core.tasks.TaskWrites.Dependency;
import org.orchestration.core.tasks.TaskWrites.NewTask;

/**
 * A READY project with an approved plan and a task graph, as the Decomposer leaves them (tasks
 * without dependencies PENDING, the others BLOCKED). Built in memory, written in one transaction
 * with batched inserts; the tasks and edges go through {@link TaskWrites}.
 */
public final class TaskGraph {

    /** One task: its index in the graph and the indexes of the tasks it depends on. */
    public record Node(int index, String id, List<Integer> deps) {
    }

    private final List<Node> nodes = new ArrayList<>();
    private final String provider;
    private final String model;

    public TaskGraph(String provider, String model) {
        this.provider = provider;
        this.model = model;
    }

    public int add(List<Integer> deps) {
        int index = nodes.size();
        nodes.add(new Node(index, UUID.randomUUID().toString(), List.copyOf(deps)));
        return index;
    }

    public List<Node> nodes() {
        return nodes;
    }

    public Node node(int index) {
        return nodes.get(index);
    }

    /** {@code count} tasks without dependencies. */
    public static TaskGraph independent(String provider, String model, int count) {
        TaskGraph g = new TaskGraph(provider, model);
        for (int i = 0; i < count; i++) {
            g.add(List.of());
        }
        return g;
    }

    /** {@code chains} chains of {@code length} tasks, each depending on the one before. */
    public static TaskGraph chains(String provider, String model, int chains, int length) {
        TaskGraph g = new TaskGraph(provider, model);
        for (int c = 0; c < chains; c++) {
            int previous = -1;
            for (int i = 0; i < length; i++) {
                previous = g.add(previous < 0 ? List.of() : List.of(previous));
            }
        }
        return g;
    }

    /**
     * A random DAG: task {@code i} depends on 0-3 distinct tasks among the {@code window} before it
     * (about one task in five has none). Seeded, so every run measures the same graph.
     */
    public static TaskGraph randomDag(String provider, String model, int count, int window, long seed) {
        Random random = new Random(seed);
        TaskGraph g = new TaskGraph(provider, model);
        for (int i = 0; i < count; i++) {
            List<Integer> deps = new ArrayList<>();
            int want = i == 0 || random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(3);
            for (int k = 0; k < want; k++) {
                int d = i - 1 - random.nextInt(Math.min(window, i));
                if (!deps.contains(d)) {
                    deps.add(d);
                }
            }
            g.add(deps);
        }
        return g;
    }

    /** Length in tasks of the longest dependency chain. */
    public int criticalPathTasks() {
        int[] depth = new int[nodes.size()];
        int max = 0;
        for (Node n : nodes) { // nodes only depend on earlier nodes
            int d = 0;
            for (int dep : n.deps()) {
                d = Math.max(d, depth[dep]);
            }
            depth[n.index()] = d + 1;
            max = Math.max(max, depth[n.index()]);
        }
        return max;
    }

    /**
     * The makespan, in units of one task's time, of an ideal greedy schedule of this graph: no
     * overhead at all, every task taking exactly one unit, each free slot taking the ready task
     * that comes first in graph order (as the executor's equal-priority order does). What the
     * engine could reach if dispatch, persistence and bookkeeping cost nothing.
     */
    public double greedyScheduleUnits(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1");
        }
        int[] waitingOn = new int[nodes.size()];
        List<List<Integer>> dependents = new ArrayList<>();
        nodes.forEach(n -> dependents.add(new ArrayList<>()));
        for (Node n : nodes) {
            waitingOn[n.index()] = n.deps().size();
            n.deps().forEach(d -> dependents.get(d).add(n.index()));
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        nodes.stream().filter(n -> n.deps().isEmpty()).forEach(n -> ready.add(n.index()));
        // running tasks as {end time, index}, earliest end first (ties: graph order)
        PriorityQueue<long[]> running = new PriorityQueue<>(
                Comparator.<long[]>comparingLong(x -> x[0]).thenComparingLong(x -> x[1]));
        long now = 0;
        int done = 0;
        while (done < nodes.size()) {
            while (running.size() < slots && !ready.isEmpty()) {
                running.add(new long[] {now + 1, ready.poll()});
            }
            long[] finished = running.poll();
            if (finished == null) {
                throw new IllegalStateException("the graph has a cycle");
            }
            now = finished[0];
            done++;
            for (int d : dependents.get((int) finished[1])) {
                if (--waitingOn[d] == 0) {
                    ready.add(d);
                }
            }
        }
        return now;
    }

    /** Inserts a READY project owned by {@code owner}, an approved plan and every task and edge; returns the project id. */
    public String write(Database db, User owner) {
        String projectId = UUID.randomUUID().toString();
        String planId = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        db.inTransaction(() -> {
            db.update("INSERT INTO projects (id, owner_id, name, requirements, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'READY', ?, ?)",
                    projectId, owner.id(), "Bench " + projectId.substring(0, 6), "Benchmark graph of " + nodes.size() + " tasks.", now, now);
            db.update("INSERT INTO plans (id, project_id, version, status, body, created_at, updated_at, approved_at) "
                    + "VALUES (?, ?, 1, 'APPROVED', ?, ?, ?, ?)", planId, projectId,
                    "{\"summary\":\"Benchmark plan.\",\"phases\":[{\"name\":\"Only phase\"}]}", now, now, now);
            List<NewTask> tasks = new ArrayList<>();
            List<Dependency> edges = new ArrayList<>();
            for (Node n : nodes) {
                tasks.add(new NewTask(n.id(), projectId, planId, n.index() + 1, "Task " + (n.index() + 1), "Do step " + (n.index() + 1) + ".",
                        "code", "simple", 50, List.of(), provider, model, 256, null,
                        n.deps().isEmpty() ? TaskStatus.PENDING : TaskStatus.BLOCKED, null));
                for (int d : n.deps()) {
                    edges.add(new Dependency(n.id(), nodes.get(d).id()));
                }
            }
            TaskWrites taskWrites = new TaskWrites(db);
            taskWrites.insertAll(tasks, Instant.ofEpochMilli(now));
            taskWrites.insertDependencies(edges);
        });
        return projectId;
    }
}
