package org.orchestration.ui.common;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

/**
 * Asks the user for a folder. The shell uses the platform's folder dialog ({@link #system()});
 * headless tests give a fixed folder, since a native dialog cannot be driven there.
 */
@FunctionalInterface
public interface FolderChooser {

    /** Empty when the user cancels. Called on the FX thread. */
    Optional<Path> choose(Window owner, String title);

    /** The platform's folder dialog. */
    static FolderChooser system() {
        return (owner, title) -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(title);
            return Optional.ofNullable(chooser.showDialog(owner)).map(File::toPath);
        };
    }
}
