package org.orchestration.app.lifecycle;

/**
 * One step of the ordered start-up. {@link #start()} brings something up and returns what
 * undoes it; the {@link Lifecycle} closes the returned handles in reverse order. A step that
 * fails must leave nothing of its own open (the steps before it are the lifecycle's job).
 */
public interface StartupStep {

    /** A short name for logs and error messages, e.g. "database". */
    String name();

    /**
     * Starts this step.
     *
     * @return what stops it again; {@link #NOTHING} when there is nothing to undo
     * @throws Exception anything; a {@link org.orchestration.core.errors.StartupException} keeps
     *                   its message and exit code, anything else is reported as a failed step
     */
    AutoCloseable start() throws Exception;

    /** For steps that leave nothing to close (validation, one-off work). */
    AutoCloseable NOTHING = () -> { };

    /** A step from a name and a lambda. */
    static StartupStep of(String name, Starter starter) {
        return new StartupStep() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public AutoCloseable start() throws Exception {
                return starter.start();
            }

            @Override
            public String toString() {
                return "StartupStep[" + name + "]";
            }
        };
    }

    /** The body of a step. */
    @FunctionalInterface
    interface Starter {
        AutoCloseable start() throws Exception;
    }
}
