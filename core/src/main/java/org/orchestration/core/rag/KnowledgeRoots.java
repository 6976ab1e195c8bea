package org.orchestration.core.rag;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.orchestration.core.auth.User;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.errors.StorageException;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.files.PrivateFiles;

/**
 * Which folders a knowledge base may read. Everything is compared by real path (symbolic links
 * resolved), so a link cannot lead a base, or a file in it, somewhere the rule forbids.
 * <ul>
 *   <li>Never the data folder or the config folder, a folder inside either, or a folder that
 *       contains either — for anyone. The one exception is the owner's own knowledge folder
 *       ({@code <data>/knowledge/<user id>}).</li>
 *   <li>A normal user: their own knowledge folder, or a folder inside one of the roots an admin
 *       allows ({@value #ALLOWED_ROOTS_KEY}).</li>
 *   <li>An admin (the desktop owner in single-user mode is one): any other folder, so the owner
 *       can still index {@code ~/projects/foo}.</li>
 * </ul>
 */
public final class KnowledgeRoots {

    public static final String ALLOWED_ROOTS_KEY = "knowledge.allowed_roots";
    public static final int MAX_ROOTS = 50;
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final SettingsStore settings;
    private final Path dataDir;
    private final Path configDir;

    /**
     * @param dataDir   the engine's data folder (database, secret, logs, knowledge folders)
     * @param configDir the folder holding config.json (the Anthropic key may be in it)
     */
    public KnowledgeRoots(SettingsStore settings, Path dataDir, Path configDir) {
        this.settings = settings;
        this.dataDir = real(dataDir);
        this.configDir = real(configDir);
    }

    /** {@code <data>/knowledge/<user id>}, created (owner-only) when missing. */
    public Path ownFolder(User user) {
        Path folder = dataDir.resolve("knowledge").resolve(user.id());
        try {
            PrivateFiles.createPrivateDirectories(folder);
        } catch (IOException e) {
            throw new StorageException("Your knowledge folder " + folder + " cannot be created: " + e.getMessage(), e);
        }
        return folder;
    }

    /** The roots admins allow, as stored (absolute paths). */
    public List<String> allowedRoots() {
        return settings.get(ALLOWED_ROOTS_KEY, STRINGS).orElse(List.of());
    }

    /**
     * Resolves {@code folder} to its real path and checks that {@code actor} may index it for a
     * base owned by {@code ownerId}.
     *
     * @throws ValidationException ({@code folder}) when it is blank, missing, not a folder, not
     *                             readable, or outside what the actor may index; the message says what is allowed
     */
    public Path confine(User actor, String ownerId, String folder) {
        if (folder == null || folder.isBlank()) {
            throw new ValidationException("folder", "Choose a folder to index.");
        }
        Path path;
        try {
            path = Path.of(folder.strip()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new ValidationException("folder", "\"" + folder + "\" is not a valid folder path.");
        }
        if (!Files.exists(path)) {
            throw new ValidationException("folder", "The folder " + path + " does not exist.");
        }
        if (!Files.isDirectory(path)) {
            throw new ValidationException("folder", path + " is not a folder.");
        }
        if (!Files.isReadable(path)) {
            throw new ValidationException("folder", "The folder " + path + " cannot be read.");
        }
        Path realPath = real(path);
        Path own = dataDir.resolve("knowledge").resolve(ownerId);
        if (realPath.startsWith(own)) {
            return realPath;
        }
        if (isProtected(realPath) || (!actor.isAdmin() && !insideAllowedRoot(realPath))) {
            throw new ValidationException("folder", "The folder " + path + " cannot be indexed. " + allowedText(actor, own));
        }
        return realPath;
    }

    /**
     * The real path of {@code file} when it may be read as part of the base over {@code root} (a
     * real path): inside the root and not protected. Empty for a link that leads elsewhere.
     */
    Optional<Path> readable(Path root, Path file) {
        Path realFile;
        try {
            realFile = file.toRealPath();
        } catch (IOException e) {
            return Optional.empty();
        }
        if (!realFile.startsWith(root)) {
            return Optional.empty();
        }
        boolean ownKnowledge = realFile.startsWith(dataDir.resolve("knowledge")) && root.startsWith(dataDir.resolve("knowledge"));
        if (!ownKnowledge && isProtected(realFile)) {
            return Optional.empty();
        }
        return Optional.of(realFile);
    }

    /**
     * Checks a new list of allowed roots: each must be absolute, exist, be a folder, and must not
     * be, contain or lie inside the data or config folder. Returns the cleaned list (duplicates dropped).
     *
     * @throws ValidationException ({@code knowledge_allowed_roots}) naming the offending entry
     */
    public List<String> checkRoots(List<String> roots) {
        String field = "knowledge_allowed_roots";
        if (roots.size() > MAX_ROOTS) {
            throw new ValidationException(field, "At most " + MAX_ROOTS + " allowed roots.");
        }
        Set<String> out = new LinkedHashSet<>();
        for (String root : roots) {
            if (root == null || root.isBlank()) {
                throw new ValidationException(field, "An allowed root cannot be empty.");
            }
            Path path;
            try {
                path = Path.of(root.strip());
            } catch (InvalidPathException e) {
                throw new ValidationException(field, "\"" + root + "\" is not a valid folder path.");
            }
            if (!path.isAbsolute()) {
                throw new ValidationException(field, "\"" + root + "\" is not an absolute path.");
            }
            if (!Files.isDirectory(path)) {
                throw new ValidationException(field, "The folder " + path + " does not exist.");
            }
            if (isProtected(real(path))) {
                throw new ValidationException(field, "The folder " + path
                        + " is, contains or lies inside the engine's data or config folder, which knowledge bases never read.");
            }
            out.add(real(path).toString());
        }
        return List.copyOf(out);
    }

    private boolean isProtected(Path realPath) {
        for (Path secret : List.of(dataDir, configDir)) {
            if (realPath.startsWith(secret) || secret.startsWith(realPath)) {
                return true;
            }
        }
        return false;
    }

    private boolean insideAllowedRoot(Path realPath) {
        for (String root : allowedRoots()) {
            if (realPath.startsWith(real(Path.of(root)))) {
                return true;
            }
        }
        return false;
    }

    private String allowedText(User actor, Path own) {
        if (actor.isAdmin()) {
            return "Knowledge bases never read the engine's data folder or config folder, nor a folder that contains them.";
        }
        List<String> places = new ArrayList<>();
        places.add(own.toString());
        places.addAll(allowedRoots());
        return "Choose a folder inside " + String.join(" or ", places) + ", or ask an administrator to allow it.";
    }

    /** The real path, or for a path that does not exist yet, its nearest existing ancestor's real path plus the rest. */
    static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            Path parent = absolute.getParent();
            return parent == null ? absolute : real(parent).resolve(absolute.getFileName());
        }
    }
}
