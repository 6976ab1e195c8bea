package org.orchestration.ui.port;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A file a task wrote. {@code path} is relative to the project's workspace (forward slashes, what
 * the screen shows); {@code location} is where it is on disk (what "Open" hands to the file opener).
 */
public record WrittenFile(String path, Path location, Instant writtenAt) {
}
