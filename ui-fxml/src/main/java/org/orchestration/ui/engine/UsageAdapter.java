package org.orchestration.ui.engine;

import java.nio.file.Path;
import org.orchestration.core.auth.User;
import org.orchestration.core.usage.UsageReport;
import org.orchestration.core.usage.UsageReports;
import org.orchestration.ui.port.UsagePort;

/** {@link UsagePort} on {@link UsageReports}. */
public final class UsageAdapter implements UsagePort {

    public static final int DAYS = UsageReports.DAYS;

    private final UsageReports reports;

    UsageAdapter(UsageReports reports) {
        this.reports = reports;
    }

    @Override
    public UsageReport report(User actor) {
        return reports.report(actor);
    }

    @Override
    public void exportCsv(User actor, Path target) {
        reports.exportCsv(actor, target);
    }
}
