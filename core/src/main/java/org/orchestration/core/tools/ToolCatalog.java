package org.orchestration.core.tools;

import java.util.List;
import java.util.Optional;
import org.orchestration.core.llm.ToolSpec;

/** The tools that registered successfully; what the executor's tool loop looks tools up in. */
public interface ToolCatalog {

    Optional<Tool> find(String name);

    /** Specs of the named tools that are available (unknown or broken names are left out). */
    List<ToolSpec> specsFor(List<String> names);

    /** Names of every available tool. */
    List<String> available();
}
