package org.orchestration.ui.port;

import org.orchestration.core.auth.User;
import org.orchestration.core.execution.RunSnapshot;

/** Running a project whose plan is approved. */
public interface RunPort {

    RunSnapshot snapshot(User actor, String projectId);

    void start(User actor, String projectId);

    void pause(User actor, String projectId);

    void resume(User actor, String projectId);

    void cancel(User actor, String projectId);
}
