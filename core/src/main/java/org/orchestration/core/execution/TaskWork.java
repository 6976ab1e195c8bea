package org.orchestration.core.execution;

import java.util.List;
import org.orchestration.core.auth.User;

/** Everything one attempt of a task needs, loaded once when it is claimed. */
record TaskWork(String taskId, String projectId, String title, String description, String provider, String model,
                int maxTokens, List<String> tools, int attempt, User owner, String requirements, String planBody,
                List<PromptBuilder.DependencyOutput> dependencies) {
}
