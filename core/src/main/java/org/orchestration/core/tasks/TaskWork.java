package org.orchestration.core.tasks;

import java.util.List;
import org.orchestration.core.auth.User;

/** Everything one attempt of a task needs, loaded once when it is claimed. */
public record TaskWork(String taskId, String projectId, String title, String description, String provider, String model,
                int maxTokens, List<String> tools, int attempt, User owner, String requirements, String planBody,
                List<DependencyOutput> dependencies) {

    /** The result of a task this one depends on, as its prompt shows it. */
    public record DependencyOutput(String title, String output) {
    }
}
