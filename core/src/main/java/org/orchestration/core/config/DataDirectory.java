package org.orchestration.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.orchestration.core.errors.StartupException;
import org.orchestration.core.files.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares the data folder (created owner-only if missing, must be writable) and the token-signing secret
 * that lives in it when config.json names none: generated on first run from {@link SecureRandom},
 * written to a file only the user can read, and read back on every later start.
 */
public final class DataDirectory {

    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);
    static final String SECRET_FILE = "auth-secret.key";

    private DataDirectory() {
    }

    /**
     * Creates the folder if needed (owner-only, 0700; an existing one with wider bits is narrowed
     * and that is logged) and proves it writable; a one-line {@link StartupException} otherwise.
     */
    public static void prepare(Path dataDir) {
        try {
            PrivateFiles.createPrivateDirectories(dataDir);
        } catch (IOException e) {
            throw new StartupException(StartupException.DATA_DIR, "The data folder " + dataDir + " cannot be created: " + e.getMessage());
        }
        Path probe = dataDir.resolve(".write-test");
        try {
            Files.writeString(probe, "ok");
            Files.delete(probe);
        } catch (IOException e) {
            throw new StartupException(StartupException.DATA_DIR, "The data folder " + dataDir + " is read-only; the engine needs to write there.");
        }
        // Only once it is proven ours to write: never chmod a folder the engine cannot use.
        try {
            PrivateFiles.tightenDirectory(dataDir);
        } catch (IOException e) {
            // A folder we cannot chmod (another owner) still works; say so rather than refuse to start.
            log.warn("Could not make the data folder {} owner-only: {}", dataDir, e.getMessage());
        }
    }

    /**
     * Returns {@code config} with a secret: the configured one, or the one stored in the data
     * folder, generating and storing it on first run.
     */
    public static AppConfig withSecret(AppConfig config) {
        if (config.auth().secretKey() != null) {
            return config;
        }
        String secret = loadOrCreateSecret(config.dataDir());
        AppConfig.Auth a = config.auth();
        AppConfig.Auth auth = new AppConfig.Auth(a.mode(), secret, a.accessTokenTtl(), a.refreshTokenTtl(), a.sseTokenTtl(), a.registrationOpen());
        return new AppConfig(config.dataDir(), auth, config.anthropic(), config.ollama(), config.comfyui(), config.execution(),
                config.budget(), config.api(), config.files(), config.rag(), config.monitor(), config.planning(), config.ui());
    }

    static String loadOrCreateSecret(Path dataDir) {
        Path file = dataDir.resolve(SECRET_FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            byte[] bytes = new byte[48];
            new SecureRandom().nextBytes(bytes);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            writeOwnerOnly(file, secret);
            log.info("Generated a new token-signing secret in {}", file);
            return secret;
        } catch (FileAlreadyExistsException e) {
            return loadOrCreateSecret(dataDir); // another process created it first
        } catch (IOException e) {
            throw new StartupException(StartupException.DATA_DIR, "The secret file " + file + " cannot be read or written: " + e.getMessage());
        }
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        if (PrivateFiles.posix(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PrivateFiles.FILE));
        } else {
            Files.createFile(file);
            var f = file.toFile();
            f.setReadable(false, false);
            f.setReadable(true, true);
            f.setWritable(false, false);
            f.setWritable(true, true);
        }
        Files.writeString(file, content, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
