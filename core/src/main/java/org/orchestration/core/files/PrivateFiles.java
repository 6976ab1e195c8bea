package org.orchestration.core.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owner-only permissions for what the engine keeps in its data folder: folders 0700, files 0600.
 * The data folder holds the token-signing secret and the database (password hashes, API keys), so
 * other accounts on the machine must not read it. Only POSIX file systems have these bits; on
 * others every method does nothing.
 */
public final class PrivateFiles {

    private static final Logger log = LoggerFactory.getLogger(PrivateFiles.class);
    public static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /** Creates {@code dir} and any missing parents; each folder this creates is 0700. */
    public static void createPrivateDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            createPrivateDirectories(parent);
        }
        if (posix(absolute)) {
            Files.createDirectories(absolute, PosixFilePermissions.asFileAttribute(DIR));
            Files.setPosixFilePermissions(absolute, DIR); // the umask may have taken bits away
        } else {
            Files.createDirectories(absolute);
        }
    }

    /** Narrows an existing folder to 0700 when it grants anything to group or others (logged). */
    public static void tightenDirectory(Path dir) throws IOException {
        tighten(dir, DIR, "folder");
    }

    /** Narrows an existing file to 0600 when it grants anything to group or others; a missing file is ignored. */
    public static void tightenFile(Path file) throws IOException {
        if (Files.exists(file)) {
            tighten(file, FILE, "file");
        }
    }

    private static void tighten(Path path, Set<PosixFilePermission> wanted, String what) throws IOException {
        if (!posix(path)) {
            return;
        }
        Set<PosixFilePermission> now = Files.getPosixFilePermissions(path);
        if (!now.equals(wanted)) {
            Files.setPosixFilePermissions(path, wanted);
            if (!wanted.containsAll(now)) {
                // INFO, not WARN: the console shows warnings, and a start-up failure must stay one line there.
                log.info("The {} {} was readable by other accounts ({}); it is now owner-only ({})", what, path,
                        PosixFilePermissions.toString(now), PosixFilePermissions.toString(wanted));
            }
        }
    }

    /**
     * The database holds password hashes and API keys: owner-only, with its -wal and -shm (SQLite
     * creates those with the database file's mode, so narrowing the file first covers later ones).
     */
    public static void restrictDatabase(Path file) {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Path f = file.resolveSibling(file.getFileName() + suffix);
            try {
                tightenFile(f);
            } catch (IOException e) {
                log.warn("Could not make {} owner-only: {}", f, e.getMessage());
            }
        }
    }

    /** True where the file system has POSIX permission bits. */
    public static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
