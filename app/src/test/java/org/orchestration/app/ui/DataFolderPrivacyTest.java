package org.orchestration.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data folder holds the token-signing secret and the database: after the real start-up it is
 * owner-only (0700, narrowed when it existed wider) and the database with its WAL files 0600. POSIX only.
 */
class DataFolderPrivacyTest {

    @TempDir
    Path tmp;

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void aNewDataFolderAndItsDatabaseAreOwnerOnlyAfterStart() throws Exception {
        assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions only");
        Path data = tmp.resolve("new").resolve("data");
        try (RealEngine engine = RealEngine.start(data)) {
            assertThat(mode(data)).isEqualTo("rwx------");
            for (String name : new String[] {"engine.db", "engine.db-wal", "engine.db-shm", "auth-secret.key"}) {
                Path file = data.resolve(name);
                if (Files.exists(file)) {
                    assertThat(mode(file)).as(name).isEqualTo("rw-------");
                }
            }
            assertThat(mode(data.resolve("engine.db"))).isEqualTo("rw-------");
            assertThat(mode(data.resolve("logs"))).isEqualTo("rwx------");
        }
    }

    @Test
    void anExistingDataFolderOpenToOthersIsNarrowedAtStart() throws Exception {
        assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions only");
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (RealEngine engine = RealEngine.start(data)) {
            assertThat(mode(data)).isEqualTo("rwx------");
            assertThat(mode(data.resolve("engine.db"))).isEqualTo("rw-------");
        }
        // an existing database file with wider bits is narrowed on the next start too
        Files.setPosixFilePermissions(data.resolve("engine.db"), PosixFilePermissions.fromString("rw-r--r--"));
        try (RealEngine engine = RealEngine.start(data)) {
            assertThat(mode(data.resolve("engine.db"))).isEqualTo("rw-------");
        }
    }
}
