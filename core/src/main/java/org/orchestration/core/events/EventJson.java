package org.orchestration.core.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.orchestration.core.json.Json;

/**
 * Where events leave the process: an {@link EngineEvent} as the {@code events} table row (a type
 * name and a JSON payload) and as an SSE frame, and a row read back. The type names and payload
 * fields are the API's wire format (listed in {@code docs/parts/exec.md} and {@code docs/api.md}):
 * a payload holds the record's fields but {@code projectId} (the row and the frame carry it), and
 * leaves out those that are null.
 */
public final class EventJson {

    /** The wire (type) name of each kind of event. */
    private static final Map<Class<? extends EngineEvent>, String> TYPES = wireNames();
    private static final Map<String, Class<? extends EngineEvent>> CLASSES = new LinkedHashMap<>();

    static {
        TYPES.forEach((cls, type) -> CLASSES.put(type, cls));
    }

    private static final ObjectMapper PAYLOAD = Json.mapper().copy().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private static final String PROJECT_ID = "projectId";

    /** An event as the table stores it. */
    public record Row(String projectId, String type, String payload) {
    }

    private EventJson() {
    }

    private static Map<Class<? extends EngineEvent>, String> wireNames() {
        Map<Class<? extends EngineEvent>, String> m = new LinkedHashMap<>();
        m.put(TaskStatusChanged.class, "task.status");
        m.put(TaskProgress.class, "task.tokens");
        m.put(TaskToolCall.class, "task.tool");
        m.put(TaskWaiting.class, "task.waiting");
        m.put(ProjectStatusChanged.class, "project.status");
        m.put(PlanReady.class, "plan.ready");
        m.put(PlanFailed.class, "plan.failed");
        m.put(BudgetWarning.class, "budget.warning");
        m.put(BudgetLimitsChanged.class, "budget.limits");
        m.put(ConcurrencyChanged.class, "execution.concurrency");
        m.put(LogMessage.class, "log");
        m.put(KnowledgeProgress.class, "kb.progress");
        m.put(ServicesHealthChanged.class, "services.health");
        return m;
    }

    /** The wire name of a kind of event, e.g. {@code "task.status"} for {@link TaskStatusChanged}. */
    public static String type(Class<? extends EngineEvent> kind) {
        String type = TYPES.get(kind);
        if (type == null) {
            throw new IllegalArgumentException("No wire name for event " + kind.getName());
        }
        return type;
    }

    /** The wire name of {@code event}. */
    public static String type(EngineEvent event) {
        return type(event.getClass());
    }

    /** Every wire name, in the order of the records' declaration. */
    public static List<String> types() {
        return List.copyOf(TYPES.values());
    }

    /** The payload of {@code event}: its fields but {@code projectId}, nulls left out. */
    public static ObjectNode payload(EngineEvent event) {
        ObjectNode node = PAYLOAD.valueToTree(event);
        node.remove(PROJECT_ID);
        return node;
    }

    /** {@code event} as the {@code events} table row. */
    public static Row row(EngineEvent event) {
        try {
            return new Row(event.projectId(), type(event), PAYLOAD.writeValueAsString(payload(event)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event " + type(event) + " cannot be written as JSON", e);
        }
    }

    /**
     * A table row read back, or empty when its type is not one this version knows or its payload
     * is not readable (rows written by another version of the engine).
     */
    public static Optional<EngineEvent> read(String projectId, String type, String payload) {
        Class<? extends EngineEvent> cls = CLASSES.get(type);
        if (cls == null) {
            return Optional.empty();
        }
        try {
            JsonNode node = PAYLOAD.readTree(payload == null ? "{}" : payload);
            if (!(node instanceof ObjectNode object)) {
                return Optional.empty();
            }
            ObjectNode copy = object.deepCopy();
            copy.put(PROJECT_ID, projectId);
            return Optional.of(PAYLOAD.treeToValue(copy, cls));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The SSE frame of {@code e}: {@code id:} the event id, {@code event:} its wire name, and
     * {@code data:} one JSON line {@code {"id", "project_id", "type", "at", "payload"}}.
     */
    public static String sseFrame(StoredEvent e) {
        String type = type(e.event());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", e.id());
        data.put("project_id", e.projectId());
        data.put("type", type);
        data.put("at", e.at());
        data.put("payload", payload(e.event()));
        String json;
        try {
            json = Json.mapper().writeValueAsString(data);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("Event " + type + " cannot be written as JSON", ex);
        }
        return "id: " + e.id() + "\nevent: " + type + "\ndata: " + json + "\n\n";
    }
}
