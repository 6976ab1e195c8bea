package org.orchestration.bench;

import java.nio.file.Path;

/** Where a scenario may write scratch files, and how many times to repeat. */
public record BenchContext(Path workDir, int repeats, boolean quick) {
}
