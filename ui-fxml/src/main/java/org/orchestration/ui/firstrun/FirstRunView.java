package org.orchestration.ui.firstrun;

import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;

/** First-run form; all logic is in {@link FirstRunViewModel}. */
public final class FirstRunView {

    private final FirstRunViewModel vm;

    @FXML private ToggleButton singleUser;
    @FXML private ToggleButton multiUser;
    @FXML private GridPane adminBox;
    @FXML private TextField adminEmail;
    @FXML private PasswordField adminPassword;
    @FXML private PasswordField anthropicKey;
    @FXML private Button testAnthropic;
    @FXML private Label anthropicCheck;
    @FXML private TextField ollamaUrl;
    @FXML private Button testOllama;
    @FXML private Label ollamaCheck;
    @FXML private CheckBox simulated;
    @FXML private TextField dailyBudget;
    @FXML private TextField monthlyBudget;
    @FXML private Label validation;
    @FXML private Button finish;

    public FirstRunView(FirstRunViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        ToggleGroup mode = new ToggleGroup();
        singleUser.setToggleGroup(mode);
        multiUser.setToggleGroup(mode);
        mode.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true); // keep one chosen
            }
        });
        multiUser.selectedProperty().bindBidirectional(vm.multiUserProperty());
        adminBox.visibleProperty().bind(vm.multiUserProperty());
        adminBox.managedProperty().bind(vm.multiUserProperty());
        adminEmail.textProperty().bindBidirectional(vm.adminEmailProperty());
        adminPassword.textProperty().bindBidirectional(vm.adminPasswordProperty());
        anthropicKey.textProperty().bindBidirectional(vm.anthropicKeyProperty());
        ollamaUrl.textProperty().bindBidirectional(vm.ollamaUrlProperty());
        simulated.selectedProperty().bindBidirectional(vm.simulatedProperty());
        dailyBudget.textProperty().bindBidirectional(vm.dailyBudgetProperty());
        monthlyBudget.textProperty().bindBidirectional(vm.monthlyBudgetProperty());
        anthropicCheck.textProperty().bind(vm.anthropicCheckProperty());
        ollamaCheck.textProperty().bind(vm.ollamaCheckProperty());
        styleCheck(anthropicCheck, vm.anthropicOkProperty());
        styleCheck(ollamaCheck, vm.ollamaOkProperty());
        testAnthropic.disableProperty().bind(vm.anthropicKeyProperty().isEmpty());
        testOllama.disableProperty().bind(vm.ollamaUrlProperty().isEmpty());
        testAnthropic.setOnAction(e -> vm.testAnthropic());
        testOllama.setOnAction(e -> vm.testOllama());
        validation.textProperty().bind(javafx.beans.binding.Bindings.when(vm.errorProperty().isNotEmpty())
                .then(vm.errorProperty()).otherwise(vm.validationProperty()));
        finish.disableProperty().bind(vm.validationProperty().isNotEmpty().or(vm.busyProperty()));
        finish.setOnAction(e -> vm.finish());
    }

    private static void styleCheck(Label label, javafx.beans.value.ObservableBooleanValue ok) {
        Runnable apply = () -> {
            label.getStyleClass().removeAll("success", "danger");
            label.getStyleClass().add(ok.get() ? "success" : "danger");
        };
        ok.addListener((o, a, b) -> apply.run());
        apply.run();
    }
}
