package org.orchestration.ui.project;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Polygon;

/**
 * Draws a task DAG laid out by {@link DagLayout}: boxes in layers left to right, curved edges
 * from a dependency to its dependant. A status update only swaps style classes; the layout is
 * rebuilt only when the set of nodes or edges changes.
 */
public final class DagView extends ScrollPane {

    /** What one box shows. {@code state} is a badge state ("success", "accent", ...) or null. */
    public record GraphNode(String id, String title, String subtitle, List<String> dependsOn, String state) {
    }

    private static final double W = 168;
    private static final double H = 52;
    private static final double GAP_X = 48;
    private static final double GAP_Y = 18;
    private static final double PAD = 16;

    private final Pane canvas = new Pane();
    private final Map<String, VBox> boxes = new HashMap<>();
    private final Map<String, Label> subtitles = new HashMap<>();
    private Map<String, List<String>> structure = Map.of();
    private Consumer<String> onOpen = id -> { };

    public DagView() {
        setContent(canvas);
        canvas.getStyleClass().add("dag");
        getStyleClass().add("dag");
        setFitToWidth(true);
        setFitToHeight(true);
        setPannable(true);
    }

    public void setOnOpen(Consumer<String> onOpen) {
        this.onOpen = onOpen;
    }

    public void show(List<GraphNode> nodes) {
        Map<String, List<String>> deps = new LinkedHashMap<>();
        nodes.forEach(n -> deps.put(n.id(), n.dependsOn()));
        if (!deps.equals(structure)) {
            rebuild(nodes, deps);
        }
        for (GraphNode n : nodes) {
            VBox box = boxes.get(n.id());
            String wanted = n.state() == null ? null : "state-" + n.state();
            String current = box.getStyleClass().stream().filter(c -> c.startsWith("state-")).findFirst().orElse(null);
            if (!Objects.equals(wanted, current)) {
                // touching style classes re-runs CSS on the box: only when the state really changed
                box.getStyleClass().removeIf(c -> c.startsWith("state-"));
                if (wanted != null) {
                    box.getStyleClass().add(wanted);
                }
            }
            Label sub = subtitles.get(n.id());
            if (!sub.getText().equals(n.subtitle())) {
                sub.setText(n.subtitle());
            }
        }
    }

    private void rebuild(List<GraphNode> nodes, Map<String, List<String>> deps) {
        structure = deps;
        canvas.getChildren().clear();
        boxes.clear();
        subtitles.clear();
        Map<String, DagLayout.Position> pos = DagLayout.layout(deps);
        double maxX = 0, maxY = 0;
        for (GraphNode n : nodes) {
            DagLayout.Position p = pos.get(n.id());
            double x = PAD + p.layer() * (W + GAP_X);
            double y = PAD + p.row() * (H + GAP_Y);
            Label title = new Label(n.title());
            title.getStyleClass().add("dag-title");
            title.setMaxWidth(W - 20);
            Label sub = new Label(n.subtitle());
            sub.getStyleClass().add("dag-sub");
            VBox box = new VBox(2, title, sub);
            box.getStyleClass().add("dag-node");
            box.setPrefSize(W, H);
            box.setMinSize(W, H);
            box.setMaxSize(W, H);
            box.relocate(x, y);
            Tooltip.install(box, new Tooltip(n.title()));
            box.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2) {
                    onOpen.accept(n.id());
                }
            });
            boxes.put(n.id(), box);
            subtitles.put(n.id(), sub);
            maxX = Math.max(maxX, x + W);
            maxY = Math.max(maxY, y + H);
        }
        for (GraphNode n : nodes) {
            for (String d : n.dependsOn()) {
                DagLayout.Position from = pos.get(d);
                DagLayout.Position to = pos.get(n.id());
                if (from == null || to == null) {
                    continue;
                }
                double x1 = PAD + from.layer() * (W + GAP_X) + W;
                double y1 = PAD + from.row() * (H + GAP_Y) + H / 2;
                double x2 = PAD + to.layer() * (W + GAP_X);
                double y2 = PAD + to.row() * (H + GAP_Y) + H / 2;
                double mid = (x1 + x2) / 2;
                CubicCurve edge = new CubicCurve(x1, y1, mid, y1, mid, y2, x2 - 6, y2);
                edge.getStyleClass().add("dag-edge");
                Polygon arrow = new Polygon(x2, y2, x2 - 7, y2 - 4, x2 - 7, y2 + 4);
                arrow.getStyleClass().add("dag-arrow");
                arrow.setStyle("-fx-fill: -color-fg-subtle;");
                canvas.getChildren().addAll(edge, arrow);
            }
        }
        canvas.getChildren().addAll(boxes.values());
        canvas.setMinSize(maxX + PAD, maxY + PAD);
    }
}
