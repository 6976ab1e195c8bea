package org.orchestration.app.lifecycle;

import java.io.IOException;
import java.nio.file.Path;
import org.orchestration.core.files.Folders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A folder deleted with everything in it when closed (the {@code --demo} data folder). */
public final class TemporaryFolder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TemporaryFolder.class);

    private final Path folder;

    public TemporaryFolder(Path folder) {
        this.folder = folder;
    }

    /** Deletes the folder; a file that cannot be deleted is logged and left, never thrown. */
    @Override
    public void close() {
        try {
            Folders.deleteRecursively(folder);
        } catch (IOException e) {
            log.warn("The temporary folder {} could not be deleted completely: {}", folder, e.getMessage());
        }
    }
}
