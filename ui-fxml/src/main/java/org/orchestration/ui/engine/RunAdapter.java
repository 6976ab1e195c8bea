package org.orchestration.ui.engine;

import org.orchestration.core.auth.User;
import org.orchestration.core.execution.Executor;
import org.orchestration.core.execution.RunSnapshot;
import org.orchestration.core.execution.RunSnapshots;
import org.orchestration.ui.port.RunPort;

/** {@link RunPort} on the {@link Executor} and {@link RunSnapshots}. */
final class RunAdapter implements RunPort {

    private final Executor executor;
    private final RunSnapshots snapshots;

    RunAdapter(Executor executor, RunSnapshots snapshots) {
        this.executor = executor;
        this.snapshots = snapshots;
    }

    @Override
    public RunSnapshot snapshot(User actor, String projectId) {
        return snapshots.snapshot(actor, projectId);
    }

    @Override
    public void start(User actor, String projectId) {
        executor.start(actor, projectId);
    }

    @Override
    public void pause(User actor, String projectId) {
        executor.pause(actor, projectId);
    }

    @Override
    public void resume(User actor, String projectId) {
        executor.resume(actor, projectId);
    }

    @Override
    public void cancel(User actor, String projectId) {
        executor.cancel(actor, projectId);
    }
}
