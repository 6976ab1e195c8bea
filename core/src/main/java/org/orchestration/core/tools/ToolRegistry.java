package org.orchestration.core.tools;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.orchestration.core.llm.ToolSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tools that could be built. Each factory is called on its own: one that throws (a missing
 * model, a bad setting) is logged with its reason and left out while every other tool registers,
 * so one broken tool never stops the app. {@link #status()} lists every tool, available or not.
 * Immutable after construction, so safe to share between executor threads.
 */
public final class ToolRegistry implements ToolCatalog {

    /** A tool name and how to build it. */
    public record Factory(String name, Supplier<Tool> supplier) {
    }

    private static final Logger log = LoggerFactory.getLogger(ToolRegistry.class);

    private final Map<String, Tool> tools;
    private final List<ToolStatus> status;

    public ToolRegistry(List<Factory> factories) {
        Map<String, Tool> built = new LinkedHashMap<>();
        List<ToolStatus> statuses = new ArrayList<>();
        for (Factory factory : factories) {
            String name = factory.name();
            try {
                Tool tool = factory.supplier().get();
                if (tool == null) {
                    throw new IllegalStateException("the factory returned no tool");
                }
                if (!name.equals(tool.name())) {
                    throw new IllegalStateException("the factory built a tool named \"" + tool.name() + "\"");
                }
                if (built.containsKey(name)) {
                    throw new IllegalStateException("a tool with this name is already registered");
                }
                built.put(name, tool);
                statuses.add(new ToolStatus(name, true, null));
            } catch (RuntimeException | LinkageError e) {
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                log.warn("Tool {} is unavailable: {}", name, reason);
                statuses.add(new ToolStatus(name, false, reason));
            }
        }
        this.tools = Collections.unmodifiableMap(built);
        this.status = List.copyOf(statuses);
        log.info("Registered tools: {}", String.join(", ", built.keySet()));
    }

    @Override
    public Optional<Tool> find(String name) {
        return Optional.ofNullable(name == null ? null : tools.get(name));
    }

    @Override
    public List<ToolSpec> specsFor(List<String> names) {
        List<ToolSpec> out = new ArrayList<>();
        for (String name : names == null ? List.<String>of() : names) {
            Tool tool = tools.get(name);
            if (tool != null && out.stream().noneMatch(s -> s.name().equals(name))) {
                out.add(tool.spec());
            }
        }
        return out;
    }

    @Override
    public List<String> available() {
        return List.copyOf(tools.keySet());
    }

    /** Every tool that was offered, in registration order, with available/failed and the reason. */
    public List<ToolStatus> status() {
        return status;
    }
}
