package org.orchestration.ui.common;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.beans.value.ChangeListener;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCombination;

/** A screen's keyboard shortcuts, added to its scene on show and removed on hide. */
public final class Shortcuts {

    private final Map<KeyCombination, Runnable> map = new LinkedHashMap<>();
    private Scene scene;
    private Node anchor;
    private final ChangeListener<Scene> follow = (o, a, b) -> attach(b);

    public Shortcuts add(String combination, Runnable action) {
        map.put(KeyCombination.valueOf(combination), action);
        return this;
    }

    /** Installs on {@code node}'s scene, now or as soon as it has one. */
    public void install(Node node) {
        uninstall();
        anchor = node;
        node.sceneProperty().addListener(follow);
        attach(node.getScene());
    }

    private void attach(Scene s) {
        if (scene != null) {
            map.keySet().forEach(scene.getAccelerators()::remove);
        }
        scene = s;
        if (s != null) {
            s.getAccelerators().putAll(map);
        }
    }

    public void uninstall() {
        if (anchor != null) {
            anchor.sceneProperty().removeListener(follow);
            anchor = null;
        }
        attach(null);
    }
}
