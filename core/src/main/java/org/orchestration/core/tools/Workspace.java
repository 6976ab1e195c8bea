package org.orchestration.core.tools;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Confines tool paths to a project's workspace folder. A path is checked as text first (no NUL,
 * no absolute path, no drive letter or backslash, bounded length), then after normalisation
 * ({@code a/../../b} escapes and is refused) and finally after symlink resolution: the deepest
 * part of the path that exists is resolved with {@code toRealPath} and must still lie inside the
 * workspace's real path, so a symlink pointing out is refused however it is reached. Reads do not
 * create anything; writes create missing folders only after those checks and write with
 * {@code NOFOLLOW_LINKS} on the last component.
 */
final class Workspace {

    static final int MAX_PATH_CHARS = 1024;
    static final int MAX_NAME_CHARS = 255;
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

    /** A path the model may not use; the message says why and is shown to the model. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private final Path root;

    Workspace(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The workspace-relative form of a checked path, with forward slashes. */
    String relative(Path checked) throws Refused {
        Path realRoot = realRoot(false);
        String rel = realRoot.relativize(checked).toString().replace('\\', '/');
        return rel.isEmpty() ? "." : rel;
    }

    /** The real path of an existing file or folder inside the workspace. */
    Path existing(String path) throws Refused {
        Path norm = checkText(path);
        if (!Files.isDirectory(root)) {
            throw new Refused("\"" + path + "\" does not exist (the workspace is still empty).");
        }
        Path realRoot = realRoot(false);
        Path target = realRoot.resolve(norm);
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new Refused("\"" + path + "\" does not exist in the workspace.");
        }
        Path real;
        try {
            real = target.toRealPath();
        } catch (NoSuchFileException e) {
            throw new Refused("\"" + path + "\" is a link to something that does not exist.");
        } catch (IOException e) {
            throw new Refused("\"" + path + "\" cannot be resolved: " + e.getMessage());
        }
        if (!real.startsWith(realRoot)) {
            throw new Refused("\"" + path + "\" points outside the workspace; only files inside it can be used.");
        }
        return real;
    }

    /**
     * Writes {@code bytes} to {@code path} inside the workspace, creating the workspace and missing
     * folders; replaces an existing regular file. Returns the real path written.
     */
    Path write(String path, byte[] bytes) throws Refused {
        Path norm = checkText(path);
        if (norm.getNameCount() == 0 || norm.toString().isEmpty()) {
            throw new Refused("\"" + path + "\" names the workspace folder itself, not a file.");
        }
        Path realRoot = realRoot(true);
        Path target = realRoot.resolve(norm);
        Path existing = target;
        while (!existing.equals(realRoot) && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        Path realExisting;
        try {
            realExisting = existing.toRealPath();
        } catch (IOException e) {
            throw new Refused("\"" + path + "\" goes through a link to something that does not exist.");
        }
        if (!realExisting.startsWith(realRoot)) {
            throw new Refused("\"" + path + "\" points outside the workspace; only files inside it can be written.");
        }
        Path finalPath = realExisting.resolve(existing.relativize(target));
        if (existing.equals(target) && !Files.isRegularFile(realExisting)) {
            throw new Refused("\"" + path + "\" exists and is not a regular file (a folder or a special file).");
        }
        if (!existing.equals(target) && !Files.isDirectory(realExisting)) {
            throw new Refused("\"" + path + "\" goes through \"" + relativeOrName(realRoot, realExisting) + "\", which is a file, not a folder.");
        }
        try {
            Path parent = finalPath.getParent();
            Files.createDirectories(parent);
            // Re-check after creating folders: a folder swapped for a link meanwhile is caught here.
            if (!parent.toRealPath().startsWith(realRoot)) {
                throw new Refused("\"" + path + "\" points outside the workspace.");
            }
            try (SeekableByteChannel ch = Files.newByteChannel(finalPath, Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS))) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
            return finalPath;
        } catch (FileAlreadyExistsException e) {
            throw new Refused("\"" + path + "\" cannot be written: a folder of that name is in the way.");
        } catch (IOException e) {
            throw new Refused("\"" + path + "\" could not be written: " + e.getMessage());
        }
    }

    private static String relativeOrName(Path root, Path p) {
        return p.startsWith(root) ? root.relativize(p).toString() : String.valueOf(p.getFileName());
    }

    private Path realRoot(boolean create) throws Refused {
        try {
            if (create) {
                Files.createDirectories(root);
            }
            return root.toRealPath();
        } catch (IOException e) {
            throw new Refused("The workspace folder is not available: " + e.getMessage());
        }
    }

    /** Text checks and normalisation; returns a relative path that stays inside. */
    private static Path checkText(String path) throws Refused {
        if (path == null || path.isBlank()) {
            throw new Refused("A path is required (relative to the workspace, e.g. \"notes/plan.md\").");
        }
        if (path.indexOf('\0') >= 0) {
            throw new Refused("The path contains a NUL character.");
        }
        if (path.length() > MAX_PATH_CHARS) {
            throw new Refused("The path is longer than " + MAX_PATH_CHARS + " characters.");
        }
        if (path.startsWith("/") || path.startsWith("~") || DRIVE.matcher(path).matches()) {
            throw new Refused("\"" + abbreviate(path) + "\" is an absolute path; use a path relative to the workspace.");
        }
        if (path.indexOf('\\') >= 0) {
            throw new Refused("Use forward slashes in paths (\"" + abbreviate(path) + "\").");
        }
        for (String segment : path.split("/")) {
            if (segment.length() > MAX_NAME_CHARS) {
                throw new Refused("A file or folder name in the path is longer than " + MAX_NAME_CHARS + " characters.");
            }
        }
        Path p;
        try {
            p = Path.of(path);
        } catch (InvalidPathException e) {
            throw new Refused("\"" + abbreviate(path) + "\" is not a valid path: " + e.getReason());
        }
        if (p.isAbsolute() || p.getRoot() != null) {
            throw new Refused("\"" + abbreviate(path) + "\" is an absolute path; use a path relative to the workspace.");
        }
        Path norm = p.normalize();
        if (norm.getNameCount() > 0 && norm.getName(0).toString().equals("..")) {
            throw new Refused("\"" + abbreviate(path) + "\" leads outside the workspace.");
        }
        return norm;
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
