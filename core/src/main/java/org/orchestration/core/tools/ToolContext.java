package org.orchestration.core.tools;

import java.nio.file.Path;
import org.orchestration.core.auth.User;

/**
 * Who is calling a tool and where: the acting user (project owner), the project and task, and
 * the project's workspace folder that file tools are confined to.
 */
public record ToolContext(User user, String projectId, String taskId, Path workspace) {
}
