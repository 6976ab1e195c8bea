package org.orchestration.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.orchestration.bench.support.TaskGraph;

class TaskGraphScheduleTest {

    @Test
    void independentTasksFillEverySlot() {
        assertThat(TaskGraph.independent("p", "m", 10).greedyScheduleUnits(4)).isEqualTo(3); // 4 + 4 + 2
        assertThat(TaskGraph.independent("p", "m", 8).greedyScheduleUnits(8)).isEqualTo(1);
    }

    @Test
    void aChainTakesItsLengthWhateverTheSlots() {
        TaskGraph chains = TaskGraph.chains("p", "m", 3, 5);
        assertThat(chains.greedyScheduleUnits(3)).isEqualTo(5);
        assertThat(chains.greedyScheduleUnits(1)).isEqualTo(15);
        // graph order: the first two chains side by side (each dependent comes before chain three), then the third alone
        assertThat(chains.greedyScheduleUnits(2)).isEqualTo(10);
    }

    @Test
    void graphOrderCanMissTheBoundWhereTheCriticalPathStartsLate() {
        // 0,1,2 independent; 3 -> 4 -> 5 a chain that starts only after the early tasks hold the one slot
        TaskGraph g = new TaskGraph("p", "m");
        g.add(List.of());
        g.add(List.of());
        g.add(List.of());
        int a = g.add(List.of());
        int b = g.add(List.of(a));
        g.add(List.of(b));
        assertThat(g.criticalPathTasks()).isEqualTo(3);
        // 2 slots: t1 {0,1}, t2 {2,3}, t3 {4}, t4 {5}: 4 units against a bound of max(3, 6/2) = 3
        assertThat(g.greedyScheduleUnits(2)).isEqualTo(4);
    }

    @Test
    void theBenchmarkDagMeetsItsLowerBoundWithoutOverhead() {
        TaskGraph dag = TaskGraph.randomDag("p", "m", 1000, 50, 7);
        double bound = Math.max(dag.criticalPathTasks(), 1000 / 8.0);
        assertThat(dag.greedyScheduleUnits(8)).isEqualTo(bound);
    }

    @Test
    void refusesNoSlots() {
        assertThatThrownBy(() -> TaskGraph.independent("p", "m", 1).greedyScheduleUnits(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
