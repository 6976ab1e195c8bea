package org.orchestration.ui.port;

import java.nio.file.Path;
import org.orchestration.core.auth.User;
import org.orchestration.core.usage.UsageReport;

/** Spend against budgets. Admins see everyone's spend, others their own. */
public interface UsagePort {

    /** This month's report (last 30 days by day). */
    UsageReport report(User actor);

    /** Writes the usage log as CSV to {@code target}. */
    void exportCsv(User actor, Path target);
}
