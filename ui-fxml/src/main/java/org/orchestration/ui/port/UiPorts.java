package org.orchestration.ui.port;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import org.orchestration.core.engine.EngineServices;

/**
 * Everything the UI needs from the application, built once by the composition root: the engine's
 * services, and (while the window moves onto them) the ports in front of some of them.
 * {@code fileOpener} opens a file or folder with the desktop (e.g. {@code java.awt.Desktop}).
 */
public record UiPorts(EngineServices engine, UsagePort usage,
                      KnowledgePort knowledge, ServicesPort services, SettingsPort settings, AccountsPort accounts,
                      Consumer<Path> fileOpener) {

    public UiPorts {
        Objects.requireNonNull(engine);
        Objects.requireNonNull(usage);
        Objects.requireNonNull(knowledge);
        Objects.requireNonNull(services);
        Objects.requireNonNull(settings);
        Objects.requireNonNull(accounts);
        Objects.requireNonNull(fileOpener);
    }
}
