package org.orchestration.ui.knowledge;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.orchestration.ui.common.ContentView;
import org.orchestration.ui.common.ListItems;
import org.orchestration.ui.common.Dialogs;
import org.orchestration.ui.common.FolderChooser;
import org.orchestration.ui.common.Route;
import org.orchestration.ui.common.StateOverlay;
import org.orchestration.core.rag.KnowledgeBaseSummary;
import org.orchestration.core.rag.SearchHit;

/** Knowledge bases. */
public final class KnowledgeView implements ContentView {

    private final KnowledgeViewModel vm;
    private final FolderChooser folders;

    @FXML private Button addFolder;
    @FXML private HBox indexBar;
    @FXML private ProgressBar indexProgress;
    @FXML private Label indexText;
    @FXML private Button cancelIndex;
    @FXML private Label message;
    @FXML private Label ownFolder;
    @FXML private Button openOwnFolder;
    @FXML private StackPane basesBody;
    @FXML private TableView<KnowledgeBaseSummary> bases;
    @FXML private TableColumn<KnowledgeBaseSummary, String> nameCol;
    @FXML private TableColumn<KnowledgeBaseSummary, String> docsCol;
    @FXML private TableColumn<KnowledgeBaseSummary, String> stateCol;
    @FXML private TableColumn<KnowledgeBaseSummary, String> folderCol;
    @FXML private TextField query;
    @FXML private Button search;
    @FXML private StackPane resultsBody;
    @FXML private ListView<SearchHit> results;
    @FXML private Button reindex;
    @FXML private Button delete;

    public KnowledgeView(KnowledgeViewModel vm, FolderChooser folders) {
        this.vm = vm;
        this.folders = folders;
    }

    @FXML
    private void initialize() {
        message.textProperty().bind(vm.messageProperty());
        indexBar.visibleProperty().bind(vm.indexingProperty());
        indexBar.managedProperty().bind(vm.indexingProperty());
        indexProgress.progressProperty().bind(vm.progressProperty());
        indexText.textProperty().bind(vm.progressTextProperty());
        cancelIndex.setOnAction(e -> vm.cancelIndexing());
        ownFolder.textProperty().bind(vm.ownFolderProperty().asString("Your knowledge folder: %s"));
        openOwnFolder.disableProperty().bind(vm.ownFolderProperty().isNull());
        openOwnFolder.setOnAction(e -> vm.openOwnFolder());
        addFolder.setOnAction(e -> {
            folders.choose(addFolder.getScene().getWindow(), "Choose a folder to index").ifPresent(dir ->
                    Dialogs.prompt(addFolder, "Name the knowledge base", "Name",
                                    dir.getFileName() == null ? dir.toString() : dir.getFileName().toString())
                            .ifPresent(n -> vm.addFolder(n, dir)));
        });
        bases.itemsProperty().bind(ListItems.of(vm.bases()));
        nameCol.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().name()));
        docsCol.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().documents() + " (" + c.getValue().chunks() + " chunks)"));
        stateCol.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().state()));
        folderCol.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().folder().toString()));
        vm.selectedProperty().bind(bases.getSelectionModel().selectedItemProperty());
        StateOverlay.attach(basesBody, vm.bases(), "No knowledge bases yet. Add a folder of documents or code.");
        query.textProperty().bindBidirectional(vm.queryProperty());
        query.setOnAction(e -> vm.search());
        search.setOnAction(e -> vm.search());
        results.itemsProperty().bind(ListItems.of(vm.results()));
        results.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(SearchHit hit, boolean empty) {
                super.updateItem(hit, empty);
                if (empty || hit == null) {
                    setGraphic(null);
                    return;
                }
                TextFlow flow = new TextFlow();
                flow.setPrefWidth(0); // wrap inside the list instead of widening it
                flow.maxWidthProperty().bind(results.widthProperty().subtract(36));
                for (KnowledgeViewModel.Highlight h : KnowledgeViewModel.highlight(hit.text(), vm.queryProperty().get())) {
                    Text t = new Text(h.text());
                    t.getStyleClass().add(h.match() ? "highlight" : "md-text");
                    if (h.match()) {
                        t.setUnderline(true);
                    }
                    flow.getChildren().add(t);
                }
                Label doc = new Label(KnowledgeViewModel.location(hit) + String.format("  ·  %.2f", hit.score()));
                doc.getStyleClass().add("muted");
                setGraphic(new VBox(2, doc, flow));
            }
        });
        StateOverlay.attach(resultsBody, vm.results(), "No matches.");
        reindex.disableProperty().bind(bases.getSelectionModel().selectedItemProperty().isNull().or(vm.indexingProperty()));
        reindex.setOnAction(e -> vm.index(bases.getSelectionModel().getSelectedItem().id()));
        delete.disableProperty().bind(bases.getSelectionModel().selectedItemProperty().isNull());
        delete.setOnAction(e -> {
            KnowledgeBaseSummary kb = bases.getSelectionModel().getSelectedItem();
            if (Dialogs.confirm(delete, "Delete “" + kb.name() + "”?",
                    "The index is deleted; the folder and its files are not touched.", "Delete")) {
                vm.delete(kb.id());
            }
        });
    }

    @Override
    public void onShow(Route route) {
        vm.load();
    }

    @Override
    public void onHide() {
        vm.cancelIndexing();
    }
}
