package org.orchestration.ui.usage;

import java.io.File;
import java.time.format.DateTimeFormatter;
import javafx.fxml.FXML;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.PieChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;
import org.orchestration.core.model.Money;
import org.orchestration.ui.common.ContentView;
import org.orchestration.ui.common.Route;
import org.orchestration.ui.common.StateOverlay;
import org.orchestration.core.usage.DailySpend;
import org.orchestration.core.usage.NamedSpend;
import org.orchestration.core.usage.UsageReport;

/** Usage: totals vs limits and three charts. */
public final class UsageView implements ContentView {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d");

    private final UsageViewModel vm;

    @FXML private Label message;
    @FXML private Button refresh;
    @FXML private Button export;
    @FXML private StackPane body;
    @FXML private Label today;
    @FXML private ProgressBar todayBar;
    @FXML private Label month;
    @FXML private ProgressBar monthBar;
    @FXML private BarChart<String, Number> byDay;
    @FXML private BarChart<String, Number> byProject;
    @FXML private PieChart byModel;

    public UsageView(UsageViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        message.textProperty().bind(vm.messageProperty());
        today.textProperty().bind(vm.todayTextProperty());
        month.textProperty().bind(vm.monthTextProperty());
        todayBar.progressProperty().bind(vm.todayFractionProperty());
        monthBar.progressProperty().bind(vm.monthFractionProperty());
        refresh.setOnAction(e -> vm.load());
        export.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Export usage as CSV");
            chooser.setInitialFileName("usage.csv");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
            File f = chooser.showSaveDialog(export.getScene().getWindow());
            if (f != null) {
                vm.exportCsv(f.toPath());
            }
        });
        vm.report().dataProperty().addListener((o, a, r) -> {
            if (r != null) {
                show(r);
            }
        });
        StateOverlay.attach(body, vm.report(), "Nothing spent yet. Usage appears here once a plan or a task calls a model.");
    }

    private void show(UsageReport r) {
        XYChart.Series<String, Number> days = new XYChart.Series<>();
        for (DailySpend d : r.byDay()) {
            days.getData().add(new XYChart.Data<>(DAY.format(d.day()), usd(d.micros())));
        }
        byDay.getData().setAll(days);
        XYChart.Series<String, Number> projects = new XYChart.Series<>();
        for (NamedSpend p : r.byProject()) {
            projects.getData().add(new XYChart.Data<>(p.name(), usd(p.micros())));
        }
        byProject.getData().setAll(projects);
        byModel.getData().setAll(r.byModel().stream()
                .map(m -> new PieChart.Data(m.name() + " " + Money.format(m.micros()), usd(m.micros()))).toList());
    }

    private static double usd(long micros) {
        return Money.microsToUsd(micros).doubleValue();
    }

    @Override
    public void onShow(Route route) {
        vm.load();
    }
}
