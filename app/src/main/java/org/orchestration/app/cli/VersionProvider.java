package org.orchestration.app.cli;

import org.orchestration.app.Version;
import picocli.CommandLine.IVersionProvider;

/** Answers {@code --version} from the version stamped into the build. */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"Orchestration Engine " + Version.current()};
    }
}
