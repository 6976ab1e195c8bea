package org.orchestration.app.ui;

import java.awt.Desktop;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.orchestration.core.concurrent.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens a file or folder with the desktop's default application, where the platform supports it; otherwise logs the path. */
public final class DesktopFileOpener implements Consumer<Path> {

    private static final Logger log = LoggerFactory.getLogger(DesktopFileOpener.class);

    @Override
    public void accept(Path path) {
        if (path == null) {
            return;
        }
        try {
            if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
                // Desktop.open can block on some desktops: never on the FX thread
                DaemonThreads.create(() -> open(path), "oe-open-file").start();
                return;
            }
        } catch (RuntimeException | LinkageError e) {
            log.info("The desktop cannot open files here ({}); the path is {}", e.getMessage(), path);
            return;
        }
        log.info("Opening files is not supported on this desktop; the path is {}", path);
    }

    private static void open(Path path) {
        try {
            Desktop.getDesktop().open(path.toFile());
        } catch (Exception e) {
            log.warn("Could not open {}: {}", path, e.getMessage());
        }
    }
}
