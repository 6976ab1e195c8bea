package org.orchestration.core.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.model.TaskStatus;
import org.orchestration.core.tasks.TaskView;

/**
 * For random graphs: every DAG is accepted and exactly the tasks without dependencies start
 * PENDING; every graph containing a cycle is refused and writes nothing.
 */
class DecomposerPropertyTest {

    private static Path dir;
    private static PlanningHarness h;

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("decomposer-props");
        h = new PlanningHarness(dir);
    }

    @AfterContainer
    static void close() throws IOException {
        h.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Property(tries = 40)
    void randomDagsAreAcceptedAndTheReadySetIsTheTasksWithoutDependencies(@ForAll("dags") List<Set<Integer>> graph) {
        Plan plan = h.draft(doc(graph));

        Decomposer.Approval approval = h.decomposer.approve(h.owner, plan.id());

        List<TaskView> tasks = h.tasks.list(h.owner, plan.projectId());
        Set<Integer> pending = new HashSet<>();
        for (TaskView t : tasks) {
            if (t.status() == TaskStatus.PENDING) {
                pending.add(t.seq());
            }
        }
        Set<Integer> noDeps = new HashSet<>();
        for (int i = 0; i < graph.size(); i++) {
            if (graph.get(i).isEmpty()) {
                noDeps.add(i);
            }
        }
        assertThat(pending).isEqualTo(noDeps);
        assertThat(approval.taskIds()).hasSize(graph.size());
        assertThat(h.db.queryLong("SELECT COUNT(*) FROM task_deps d JOIN tasks t ON t.id = d.task_id WHERE t.plan_id = ?", plan.id()))
                .isEqualTo(graph.stream().mapToLong(Set::size).sum());
    }

    @Property(tries = 40)
    void randomGraphsWithACycleAreAlwaysRefused(@ForAll("cyclic") List<Set<Integer>> graph) {
        Plan plan = h.draft(doc(graph));

        assertThatThrownBy(() -> h.decomposer.approve(h.owner, plan.id()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Circular dependency");
        assertThat(h.db.queryLong("SELECT COUNT(*) FROM tasks WHERE plan_id = ?", plan.id())).isZero();
    }

    /** Task i depends only on lower indices (then shuffled labels would add nothing): always acyclic. */
    @Provide
    Arbitrary<List<Set<Integer>>> dags() {
        return Arbitraries.integers().between(1, 25).flatMap(n -> {
            List<Arbitrary<Set<Integer>>> rows = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                rows.add(i == 0 ? Arbitraries.just(Set.<Integer>of())
                        : Arbitraries.integers().between(0, i - 1).set().ofMaxSize(Math.min(i, 4)));
            }
            return Combinators.combine(rows).as(ArrayList::new);
        });
    }

    /** A DAG plus one back edge from a lower to a higher index: a cycle through that edge. */
    @Provide
    Arbitrary<List<Set<Integer>>> cyclic() {
        return dags().filter(g -> g.size() >= 2).flatMap(g -> Arbitraries.integers().between(1, g.size() - 1).flatMap(hi ->
                Arbitraries.integers().between(0, hi - 1).map(lo -> {
                    List<Set<Integer>> copy = new ArrayList<>();
                    g.forEach(s -> copy.add(new HashSet<>(s)));
                    copy.get(hi).add(lo);  // hi depends on lo ...
                    copy.get(lo).add(hi);  // ... and lo on hi: a cycle
                    return copy;
                })));
    }

    private static PlanDocument doc(List<Set<Integer>> graph) {
        Object[][] deps = new Object[graph.size()][];
        for (int i = 0; i < graph.size(); i++) {
            deps[i] = graph.get(i).toArray();
        }
        return PlanningHarness.doc(deps);
    }
}
