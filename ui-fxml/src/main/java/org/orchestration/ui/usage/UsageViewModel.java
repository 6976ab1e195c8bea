package org.orchestration.ui.usage;

import java.nio.file.Path;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.orchestration.ui.common.Format;
import org.orchestration.ui.common.Loadable;
import org.orchestration.ui.common.Session;
import org.orchestration.ui.common.UiTasks;
import org.orchestration.core.usage.UsageReport;
import org.orchestration.core.usage.UsageReports;

/** Spend today / this month against the limits, breakdowns for charts, CSV export. */
public final class UsageViewModel {

    private final UsageReports reports;
    private final Session session;
    private final UiTasks tasks;
    private final Loadable<UsageReport> report;
    private final ReadOnlyStringWrapper todayText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper monthText = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper todayFraction = new ReadOnlyDoubleWrapper();
    private final ReadOnlyDoubleWrapper monthFraction = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    public UsageViewModel(UsageReports reports, Session session, UiTasks tasks) {
        this.reports = reports;
        this.session = session;
        this.tasks = tasks;
        this.report = new Loadable<>(tasks, r -> r == null || r.isEmpty());
        report.dataProperty().addListener((o, a, r) -> {
            if (r != null) {
                todayText.set(ofLimit(r.todayMicros(), r.dailyLimitMicros()));
                monthText.set(ofLimit(r.monthMicros(), r.monthlyLimitMicros()));
                todayFraction.set(fraction(r.todayMicros(), r.dailyLimitMicros()));
                monthFraction.set(fraction(r.monthMicros(), r.monthlyLimitMicros()));
            }
        });
    }

    /** A global limit of 0 is the engine's "spend nothing" (it admits only free calls), not "no limit". */
    static String ofLimit(long spent, long limit) {
        return limit <= 0 ? Format.money(spent) + " of " + Format.money(0) + " (no paid calls allowed)"
                : Format.money(spent) + " of " + Format.money(limit);
    }

    static double fraction(long spent, long limit) {
        return limit <= 0 ? 1.0 : Math.min(1.0, (double) spent / limit);
    }

    public Loadable<UsageReport> report() { return report; }
    public ReadOnlyStringProperty todayTextProperty() { return todayText.getReadOnlyProperty(); }
    public String getTodayText() { return todayText.get(); }
    public ReadOnlyStringProperty monthTextProperty() { return monthText.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty todayFractionProperty() { return todayFraction.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty monthFractionProperty() { return monthFraction.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public String getMessage() { return message.get(); }

    public void load() {
        report.load(() -> reports.report(session.user()));
    }

    public void exportCsv(Path target) {
        if (target == null) {
            return;
        }
        Path file = target.toString().endsWith(".csv") ? target : Path.of(target + ".csv");
        tasks.run(() -> reports.exportCsv(session.user(), file))
                .onSuccess(v -> message.set("Exported to " + file.getFileName() + "."))
                .onError(message::set)
                .start();
    }
}
