package org.orchestration.core.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every write to {@code tasks} and {@code task_deps} goes through the task writers in
 * {@code core.tasks}: {@code TaskStore} (run-time transitions) and {@code TaskWrites} (the graph an
 * approval creates, user edits). ArchUnit cannot read SQL strings, so this scans the main Java
 * sources of every module for the statements instead.
 */
class TaskWritersTest {

    /** INSERT/REPLACE INTO, UPDATE, DELETE FROM on either table, any case and spacing, OR-clauses allowed. */
    static final Pattern TASK_WRITE = Pattern.compile(
            "\\b(?:(?:insert|replace)(?:\\s+or\\s+\\w+)?\\s+into|update(?:\\s+or\\s+\\w+)?|delete\\s+from)\\s+[\"`\\[]?(?:tasks|task_deps)\\b",
            Pattern.CASE_INSENSITIVE);

    static final Set<Path> WRITERS = Set.of(
            Path.of("core/src/main/java/org/orchestration/core/tasks/TaskStore.java"),
            Path.of("core/src/main/java/org/orchestration/core/tasks/TaskWrites.java"));

    /** The project root: the tests run in the core module's folder. */
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void onlyTheTaskWritersWriteTheTasksTables() {
        List<String> offenders = new ArrayList<>();
        for (Path file : mainSources()) {
            Path relative = ROOT.relativize(file);
            if (!WRITERS.contains(relative) && writesTasks(read(file))) {
                offenders.add(relative.toString());
            }
        }
        assertThat(offenders).as("classes with SQL writing tasks/task_deps outside core.tasks.TaskStore/TaskWrites").isEmpty();
    }

    @Test
    void theScanSeesTheWritersThemselves() {
        assertThat(mainSources()).hasSizeGreaterThan(100);
        for (Path writer : WRITERS) {
            assertThat(writesTasks(read(ROOT.resolve(writer)))).as(writer.toString()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "db.update(\"DELETE FROM tasks WHERE project_id = ?\", id);",
        "db.batch(\"insert  into task_deps (task_id, depends_on) VALUES (?, ?)\", edges);",
        "db.update(\"UPDATE \"\n            + \"tasks SET title = ? WHERE id = ?\", t, id);",
        "db.update(\"Insert or Ignore Into\ttasks (id) VALUES (?)\", id);",
        "db.update(\"delete from task_deps where task_id = ?\", id);"})
    void theDetectorCatchesEachKindOfWriteHoweverItIsSpelled(String source) {
        assertThat(writesTasks(source)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "db.query(\"SELECT id FROM tasks t JOIN task_deps d ON d.task_id = t.id\")",
        "db.update(\"UPDATE projects SET status = ? WHERE id IN (SELECT project_id FROM tasks)\")",
        "db.update(\"INSERT INTO tasks_archive (id) VALUES (?)\")",
        "db.update(\"DELETE FROM tool_calls WHERE task_id = ?\")"})
    void theDetectorLeavesReadsAndOtherTablesAlone(String source) {
        assertThat(writesTasks(source)).isFalse();
    }

    /** Joins string literals split by {@code " + "} so a statement split over lines is read whole. */
    static boolean writesTasks(String source) {
        String joined = source.replaceAll("\"\\s*\\+\\s*\"", "");
        return TASK_WRITE.matcher(joined).find();
    }

    private static List<Path> mainSources() {
        try (Stream<Path> modules = Files.list(ROOT)) {
            List<Path> out = new ArrayList<>();
            for (Path main : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(main)) {
                    files.filter(f -> f.toString().endsWith(".java")).forEach(out::add);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
