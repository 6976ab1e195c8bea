package org.orchestration.core.planning;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Resolves the tasks' {@code depends_on} references into edges, reporting every reference it
 * cannot use as a named {@link PlanWarning}, and finds cycles with Kahn's algorithm.
 */
public final class DependencyGraph {

    private static final Pattern DIGITS = Pattern.compile("\\s*-?\\d{1,9}\\s*");

    private DependencyGraph() {
    }

    /**
     * @param deps     for each task index, the distinct indices it depends on, in the order written
     * @param warnings the references that were left out, each named
     */
    public record Resolved(List<List<Integer>> deps, List<PlanWarning> warnings) {

        public boolean hasDependencies(int task) {
            return !deps.get(task).isEmpty();
        }
    }

    public static Resolved resolve(List<PlanTask> tasks) {
        List<List<Integer>> deps = new ArrayList<>();
        List<PlanWarning> warnings = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            PlanTask task = tasks.get(i);
            Set<Integer> mine = new LinkedHashSet<>();
            for (JsonNode ref : task.dependsOn()) {
                String written = ref.isTextual() ? ref.asText() : ref.toString();
                Integer index = numeric(ref);
                if (index == null) {
                    warnings.add(new PlanWarning(PlanWarning.NON_NUMERIC, i, task.title(), written,
                            "Task \"" + task.title() + "\" depends on \"" + written + "\", which is not a task number; it was ignored."));
                } else if (index < 0 || index >= tasks.size()) {
                    warnings.add(new PlanWarning(PlanWarning.OUT_OF_RANGE, i, task.title(), written,
                            "Task \"" + task.title() + "\" depends on task " + index + ", but the plan has tasks 0 to "
                                    + (tasks.size() - 1) + "; it was ignored."));
                } else if (index == i) {
                    warnings.add(new PlanWarning(PlanWarning.SELF, i, task.title(), written,
                            "Task \"" + task.title() + "\" depends on itself; that reference was ignored."));
                } else if (!mine.add(index)) {
                    warnings.add(new PlanWarning(PlanWarning.DUPLICATE, i, task.title(), written,
                            "Task \"" + task.title() + "\" lists task " + index + " (\"" + tasks.get(index).title()
                                    + "\") more than once; the repeat was ignored."));
                }
            }
            deps.add(List.copyOf(mine));
        }
        return new Resolved(List.copyOf(deps), List.copyOf(warnings));
    }

    /** An integral number or a string of digits; anything else is not a task reference. */
    static Integer numeric(JsonNode ref) {
        if (ref.isIntegralNumber() || (ref.isNumber() && ref.canConvertToExactIntegral())) {
            return ref.canConvertToInt() ? ref.asInt() : Integer.MAX_VALUE;
        }
        if (ref.isTextual() && DIGITS.matcher(ref.asText()).matches()) {
            return Integer.parseInt(ref.asText().strip());
        }
        return null;
    }

    /**
     * Kahn's algorithm: repeatedly removes tasks with no unremoved dependency. If some remain,
     * they contain a cycle; the cycle itself is traced back through their dependencies.
     *
     * @param deps for each task, the indices it depends on (all in range, no self-references)
     * @return the indices on one cycle in dependency order (each depends on the previous... and the
     *         first on the last), or empty for a DAG
     */
    public static Optional<List<Integer>> findCycle(List<List<Integer>> deps) {
        int n = deps.size();
        int[] inDegree = new int[n];
        Map<Integer, List<Integer>> dependents = new HashMap<>();
        for (int task = 0; task < n; task++) {
            inDegree[task] = deps.get(task).size();
            for (int dep : deps.get(task)) {
                dependents.computeIfAbsent(dep, k -> new ArrayList<>()).add(task);
            }
        }
        Deque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            if (inDegree[i] == 0) {
                ready.add(i);
            }
        }
        boolean[] removed = new boolean[n];
        int removedCount = 0;
        while (!ready.isEmpty()) {
            int t = ready.poll();
            removed[t] = true;
            removedCount++;
            for (int d : dependents.getOrDefault(t, List.of())) {
                if (--inDegree[d] == 0) {
                    ready.add(d);
                }
            }
        }
        if (removedCount == n) {
            return Optional.empty();
        }
        // Every remaining task has a remaining dependency: walk them until one repeats.
        int start = 0;
        while (removed[start]) {
            start++;
        }
        List<Integer> path = new ArrayList<>();
        Map<Integer, Integer> position = new HashMap<>();
        int current = start;
        while (!position.containsKey(current)) {
            position.put(current, path.size());
            path.add(current);
            int next = -1;
            for (int dep : deps.get(current)) {
                if (!removed[dep]) {
                    next = dep;
                    break;
                }
            }
            current = next;
        }
        List<Integer> cycle = new ArrayList<>(path.subList(position.get(current), path.size()));
        Collections.reverse(cycle);
        return Optional.of(cycle);
    }

    /** "A" -> "B" -> "C" -> "A", for messages. */
    static String describeCycle(List<Integer> cycle, List<PlanTask> tasks) {
        StringBuilder sb = new StringBuilder();
        for (int i : cycle) {
            sb.append('"').append(tasks.get(i).title()).append("\" -> ");
        }
        return sb.append('"').append(tasks.get(cycle.get(0)).title()).append('"').toString();
    }
}
