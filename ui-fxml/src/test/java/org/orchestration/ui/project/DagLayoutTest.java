package org.orchestration.ui.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DagLayoutTest {

    @Test
    void aNodeSitsOneLayerRightOfItsDeepestDependency() {
        Map<String, List<String>> g = new LinkedHashMap<>();
        g.put("a", List.of());
        g.put("b", List.of("a"));
        g.put("c", List.of("a", "b"));
        Map<String, DagLayout.Position> p = DagLayout.layout(g);
        assertThat(p.get("a").layer()).isZero();
        assertThat(p.get("b").layer()).isEqualTo(1);
        assertThat(p.get("c").layer()).isEqualTo(2);
    }

    @Test
    void independentNodesShareALayerInDifferentRows() {
        Map<String, List<String>> g = new LinkedHashMap<>();
        g.put("a", List.of());
        g.put("b", List.of());
        Map<String, DagLayout.Position> p = DagLayout.layout(g);
        assertThat(p.get("a").layer()).isEqualTo(p.get("b").layer());
        assertThat(p.get("a").row()).isNotEqualTo(p.get("b").row());
    }

    @Test
    void childrenAreOrderedNearTheirParentsToAvoidCrossings() {
        Map<String, List<String>> g = new LinkedHashMap<>();
        g.put("p1", List.of());
        g.put("p2", List.of());
        g.put("child2", List.of("p2"));
        g.put("child1", List.of("p1"));
        Map<String, DagLayout.Position> p = DagLayout.layout(g);
        assertThat(p.get("child1").row()).isLessThan(p.get("child2").row());
    }

    @Test
    void aCycleOrAnUnknownDependencyDoesNotBreakTheLayout() {
        Map<String, List<String>> g = new LinkedHashMap<>();
        g.put("a", List.of("b", "ghost"));
        g.put("b", List.of("a"));
        assertThat(DagLayout.layout(g)).containsOnlyKeys("a", "b");
    }
}
