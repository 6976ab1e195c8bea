package org.orchestration.ui.users;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import org.orchestration.core.auth.Role;
import org.orchestration.ui.common.ContentView;
import org.orchestration.ui.common.ListItems;
import org.orchestration.ui.common.Dialogs;
import org.orchestration.ui.common.Route;
import org.orchestration.ui.common.StateOverlay;
import org.orchestration.ui.common.Styles;
import org.orchestration.core.auth.UserAccount;

/** Admin user management. */
public final class UsersView implements ContentView {

    private final UsersViewModel vm;

    @FXML private Label message;
    @FXML private CheckBox registrationOpen;
    @FXML private StackPane body;
    @FXML private TableView<UserAccount> users;
    @FXML private TableColumn<UserAccount, String> nameCol;
    @FXML private TableColumn<UserAccount, String> emailCol;
    @FXML private TableColumn<UserAccount, String> roleCol;
    @FXML private TableColumn<UserAccount, String> activeCol;
    @FXML private Button toggleAdmin;
    @FXML private Button toggleActive;
    @FXML private Button resetPassword;

    public UsersView(UsersViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        message.textProperty().bind(vm.messageProperty());
        vm.registrationOpenProperty().addListener((o, a, b) -> registrationOpen.setSelected(b));
        registrationOpen.setOnAction(e -> vm.setRegistrationOpen(registrationOpen.isSelected()));
        users.itemsProperty().bind(ListItems.of(vm.users()));
        nameCol.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().user().displayName()));
        emailCol.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().user().email()));
        roleCol.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(Styles.label(c.getValue().user().role())));
        activeCol.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().user().active() ? "Active" : "Deactivated"));
        var selected = users.getSelectionModel().selectedItemProperty();
        toggleAdmin.disableProperty().bind(selected.isNull());
        toggleActive.disableProperty().bind(selected.isNull());
        resetPassword.disableProperty().bind(selected.isNull());
        toggleAdmin.setOnAction(e -> {
            UserAccount u = selected.get();
            vm.setRole(u.user().id(), u.user().isAdmin() ? Role.USER : Role.ADMIN);
        });
        toggleActive.setOnAction(e -> {
            UserAccount u = selected.get();
            boolean deactivate = u.user().active();
            if (!deactivate || Dialogs.confirm(toggleActive, "Deactivate " + u.user().email() + "?",
                    "They are signed out and cannot sign in until reactivated.", "Deactivate")) {
                vm.setActive(u.user().id(), !deactivate);
            }
        });
        resetPassword.setOnAction(e -> {
            UserAccount u = selected.get();
            if (Dialogs.confirm(resetPassword, "Reset the password of " + u.user().email() + "?",
                    "Their current password stops working.", "Reset")) {
                vm.resetPassword(u.user().id());
            }
        });
        StateOverlay.attach(body, vm.users(), "No users.");
    }

    @Override
    public void onShow(Route route) {
        vm.load();
    }
}
