package org.orchestration.core.execution;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A file a task wrote, located in its project's workspace.
 *
 * @param path      relative to the workspace, with forward slashes (what the screen shows)
 * @param location  where it is on disk (what "Open" hands to the file opener)
 * @param writtenAt when the task last wrote it
 */
public record TaskFile(String path, Path location, Instant writtenAt) {
}
