package org.orchestration.bench;

/** A named benchmark. Runs its own warm-up and repeats, and cleans up after itself. */
public interface Scenario {

    String name();

    String description();

    ScenarioResult run(BenchContext context) throws Exception;
}
