package org.orchestration.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orchestration.core.json.Json;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.model.TaskStatus;

/** The wire format of every event (docs/parts/exec.md, docs/api.md): table row, SSE frame, and back. */
class EventJsonTest {

    private static final Instant AT = Instant.parse("2025-03-01T12:00:00Z");

    /** One event of each kind with every field set, and the payload fields the docs promise for it. */
    private static final Map<EngineEvent, List<String>> DOCUMENTED = documented();

    private static Map<EngineEvent, List<String>> documented() {
        Map<EngineEvent, List<String>> m = new LinkedHashMap<>();
        m.put(new TaskStatusChanged("p1", "t1", "Write", TaskStatus.PENDING, TaskStatus.RUNNING, 2, "timeout", "note", 99L, 1, 3),
                List.of("taskId", "title", "status", "previous", "attempt", "error", "note", "retryAfter", "autoRetry", "manualRetry"));
        m.put(new TaskProgress("p1", "t1", 1, 2, 100, 50, 1_050, 2_100),
                List.of("taskId", "attempt", "round", "inputTokens", "outputTokens", "costMicros", "totalCostMicros"));
        m.put(new TaskToolCall("p1", "t1", 2, "write_file", true), List.of("taskId", "round", "tool", "isError"));
        m.put(new TaskWaiting("p1", "t1", "Write", "budget", "Waiting for budget."), List.of("taskId", "title", "reason", "message"));
        m.put(new ProjectStatusChanged("p1", ProjectStatus.FAILED, ProjectStatus.RUNNING, "Task failed", "Site", "plan1", 4),
                List.of("status", "previous", "reason", "name", "planId", "tasks"));
        m.put(new PlanReady("p1", "plan1", 2, 5, 1, "Site"), List.of("planId", "version", "tasks", "warnings", "name"));
        m.put(new PlanFailed("p1", "No JSON", ProjectStatus.DRAFT), List.of("error", "status"));
        m.put(new BudgetWarning("daily", "2025-03-01", 80, 8_000_000, 10_000_000, "You have used 80 %"),
                List.of("period", "periodKey", "thresholdPercent", "spentMicros", "limitMicros", "message"));
        m.put(new BudgetLimitsChanged(5_000_000, 50_000_000), List.of("dailyLimitMicros", "monthlyLimitMicros"));
        m.put(new ConcurrencyChanged(4), List.of("concurrency"));
        m.put(new LogMessage("p1", "warn", "Stopped", "t1"), List.of("level", "message", "taskId"));
        m.put(new KnowledgeProgress("kb1", 3, 4, 12, "INDEXING"), List.of("kbId", "filesDone", "filesTotal", "chunks", "status"));
        m.put(new ServicesHealthChanged(List.of(new ServicesHealthChanged.Service("ollama", false, -1, null, "refused", AT))),
                List.of("services"));
        return m;
    }

    private static final Map<Class<?>, String> WIRE_NAMES = Map.ofEntries(
            Map.entry(TaskStatusChanged.class, "task.status"), Map.entry(TaskProgress.class, "task.tokens"),
            Map.entry(TaskToolCall.class, "task.tool"), Map.entry(TaskWaiting.class, "task.waiting"),
            Map.entry(ProjectStatusChanged.class, "project.status"), Map.entry(PlanReady.class, "plan.ready"),
            Map.entry(PlanFailed.class, "plan.failed"), Map.entry(BudgetWarning.class, "budget.warning"),
            Map.entry(BudgetLimitsChanged.class, "budget.limits"), Map.entry(ConcurrencyChanged.class, "execution.concurrency"),
            Map.entry(LogMessage.class, "log"), Map.entry(KnowledgeProgress.class, "kb.progress"),
            Map.entry(ServicesHealthChanged.class, "services.health"));

    @Test
    void everyKindOfEventHasItsDocumentedWireName() {
        List<Class<?>> kinds = Arrays.asList(EngineEvent.class.getPermittedSubclasses());
        assertThat(DOCUMENTED.keySet()).extracting(Object::getClass).containsExactlyInAnyOrderElementsOf(kinds);
        for (Class<?> kind : kinds) {
            assertThat(EventJson.type(kind.asSubclass(EngineEvent.class))).as(kind.getSimpleName()).isEqualTo(WIRE_NAMES.get(kind));
        }
        assertThat(EventJson.types()).containsExactlyInAnyOrderElementsOf(WIRE_NAMES.values());
    }

    @Test
    void everyKindOfEventRoundTripsThroughItsTableRow() {
        for (EngineEvent e : DOCUMENTED.keySet()) {
            EventJson.Row row = EventJson.row(e);
            assertThat(row.projectId()).isEqualTo(e.projectId());
            assertThat(row.type()).isEqualTo(WIRE_NAMES.get(e.getClass()));
            assertThat(EventJson.read(row.projectId(), row.type(), row.payload())).as(row.type()).contains(e);
        }
    }

    @Test
    void thePayloadOfEveryKindHasExactlyTheDocumentedFields() throws Exception {
        for (Map.Entry<EngineEvent, List<String>> d : DOCUMENTED.entrySet()) {
            JsonNode payload = Json.mapper().readTree(EventJson.row(d.getKey()).payload());
            assertThat(fields(payload)).as(EventJson.type(d.getKey())).containsExactlyInAnyOrderElementsOf(d.getValue());
        }
    }

    @Test
    void optionalFieldsThatAreNullAreLeftOutAndReadBackAsNull() throws Exception {
        TaskStatusChanged bare = TaskStatusChanged.of("p1", "t1", null, TaskStatus.PENDING, TaskStatus.BLOCKED);
        EventJson.Row row = EventJson.row(bare);
        assertThat(fields(Json.mapper().readTree(row.payload()))).containsExactly("taskId", "status", "previous");
        assertThat(EventJson.read("p1", row.type(), row.payload())).contains(bare);
        LogMessage global = new LogMessage(null, "info", "hello", null);
        assertThat(EventJson.read(null, "log", EventJson.row(global).payload())).contains(global);
    }

    @Test
    void aServiceStateKeepsItsNullFields() throws Exception {
        ServicesHealthChanged e = new ServicesHealthChanged(List.of(new ServicesHealthChanged.Service("ollama", true, 12, null, null, AT)));
        JsonNode service = Json.mapper().readTree(EventJson.row(e).payload()).get("services").get(0);
        assertThat(fields(service)).containsExactly("name", "up", "latencyMs", "version", "lastError", "checkedAt");
        assertThat(service.get("checkedAt").asText()).isEqualTo(AT.toString());
        assertThat(service.get("version").isNull()).isTrue();
    }

    @Test
    void theSseFrameCarriesTheIdTheWireNameAndTheDocumentedData() throws Exception {
        for (Map.Entry<EngineEvent, List<String>> d : DOCUMENTED.entrySet()) {
            String type = WIRE_NAMES.get(d.getKey().getClass());
            String frame = EventJson.sseFrame(new StoredEvent(42, AT, d.getKey()));
            String[] lines = frame.split("\n", -1);
            assertThat(lines[0]).isEqualTo("id: 42");
            assertThat(lines[1]).isEqualTo("event: " + type);
            assertThat(lines[2]).startsWith("data: ");
            assertThat(frame).endsWith("\n\n");
            JsonNode data = Json.mapper().readTree(lines[2].substring("data: ".length()));
            assertThat(fields(data)).containsExactly("id", "project_id", "type", "at", "payload");
            assertThat(data.get("id").asLong()).isEqualTo(42);
            assertThat(data.get("type").asText()).isEqualTo(type);
            assertThat(data.get("at").asText()).isEqualTo("2025-03-01T12:00:00Z");
            if (d.getKey().projectId() == null) {
                assertThat(data.get("project_id").isNull()).as(type).isTrue();
            } else {
                assertThat(data.get("project_id").asText()).isEqualTo(d.getKey().projectId());
            }
            assertThat(fields(data.get("payload"))).as(type).containsExactlyInAnyOrderElementsOf(d.getValue());
        }
    }

    @Test
    void enumsAndBooleansAreWrittenAsTheyWereBefore() throws Exception {
        JsonNode status = Json.mapper().readTree(EventJson.row(DOCUMENTED.keySet().iterator().next()).payload());
        assertThat(status.get("status").asText()).isEqualTo("PENDING");
        assertThat(status.get("retryAfter").asLong()).isEqualTo(99L);
        JsonNode tool = Json.mapper().readTree(EventJson.row(new TaskToolCall("p1", "t1", 1, "x", true)).payload());
        assertThat(tool.get("isError").asBoolean()).isTrue();
    }

    @Test
    void aRowOfAnUnknownTypeOrAnUnreadablePayloadIsLeftOut() {
        assertThat(EventJson.read("p1", "bench.tick", "{\"seq\":1}")).isEmpty();
        assertThat(EventJson.read("p1", "log", "not json")).isEmpty();
        assertThat(EventJson.read("p1", "log", "[1]")).isEmpty();
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
