package org.orchestration.core.planning;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.List;
import org.orchestration.core.errors.StorageException;
import org.orchestration.core.json.Json;

/** The body of a plan: what the model proposed, as edited by the user. Stored as JSON in {@code plans.body}. */
public record PlanDocument(@JsonProperty("summary") String summary,
                           @JsonProperty("phases") List<PlanPhase> phases,
                           @JsonProperty("tasks") List<PlanTask> tasks) {

    public PlanDocument {
        summary = summary == null ? "" : summary;
        phases = phases == null ? List.of() : List.copyOf(phases);
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }

    public PlanDocument withTask(int index, PlanTask task) {
        List<PlanTask> copy = new ArrayList<>(tasks);
        copy.set(index, task);
        return new PlanDocument(summary, phases, copy);
    }

    public PlanDocument withTasks(List<PlanTask> newTasks) {
        return new PlanDocument(summary, phases, newTasks);
    }

    public String toJson() {
        try {
            return Json.mapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new StorageException("Could not serialise the plan: " + e.getOriginalMessage(), e);
        }
    }

    public static PlanDocument fromJson(String json) {
        try {
            return Json.mapper().readValue(json, PlanDocument.class);
        } catch (JsonProcessingException e) {
            throw new StorageException("A stored plan could not be read: " + e.getOriginalMessage(), e);
        }
    }
}
