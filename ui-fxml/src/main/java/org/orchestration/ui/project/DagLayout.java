package org.orchestration.ui.project;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small Sugiyama-style layout for a task DAG: longest-path layering (a node sits one layer
 * right of its deepest dependency), then a few barycentre sweeps to reduce crossings. Pure
 * computation, no JavaFX: the graph view only draws what this returns. Edges to unknown nodes
 * are ignored; a cycle (which the decomposer forbids) is broken by treating the back edge as absent.
 */
public final class DagLayout {

    /** Node position as (layer, row) grid coordinates. */
    public record Position(int layer, int row) {
    }

    private DagLayout() {
    }

    /** @param dependsOn node id -> ids it depends on, in display order */
    public static Map<String, Position> layout(Map<String, List<String>> dependsOn) {
        Map<String, Integer> layer = new HashMap<>();
        for (String id : dependsOn.keySet()) {
            depth(id, dependsOn, layer, new HashSet<>());
        }
        int layers = layer.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        List<List<String>> columns = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            columns.add(new ArrayList<>());
        }
        for (String id : dependsOn.keySet()) {
            columns.get(layer.get(id)).add(id);
        }
        Map<String, Double> order = new HashMap<>();
        reindex(columns, order);
        for (int sweep = 0; sweep < 4; sweep++) {
            for (int l = 1; l < layers; l++) {
                List<String> col = columns.get(l);
                Map<String, Double> bary = new HashMap<>();
                for (String id : col) {
                    bary.put(id, dependsOn.get(id).stream().filter(order::containsKey)
                            .filter(d -> layer.get(d) < layer.get(id))
                            .mapToDouble(order::get).average().orElse(order.get(id)));
                }
                col.sort(Comparator.comparingDouble(bary::get));
                reindex(columns, order);
            }
        }
        Map<String, Position> out = new LinkedHashMap<>();
        for (int l = 0; l < layers; l++) {
            List<String> col = columns.get(l);
            for (int r = 0; r < col.size(); r++) {
                out.put(col.get(r), new Position(l, r));
            }
        }
        return out;
    }

    private static void reindex(List<List<String>> columns, Map<String, Double> order) {
        for (List<String> col : columns) {
            for (int r = 0; r < col.size(); r++) {
                order.put(col.get(r), (double) r);
            }
        }
    }

    private static int depth(String id, Map<String, List<String>> deps, Map<String, Integer> memo,
                             Set<String> visiting) {
        Integer known = memo.get(id);
        if (known != null) {
            return known;
        }
        if (!visiting.add(id)) {
            return -1; // back edge of a cycle: ignored
        }
        int d = 0;
        for (String dep : deps.getOrDefault(id, List.of())) {
            if (deps.containsKey(dep)) {
                d = Math.max(d, depth(dep, deps, memo, visiting) + 1);
            }
        }
        visiting.remove(id);
        memo.put(id, d);
        return d;
    }
}
