package org.orchestration.ui.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.function.Function;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/** Loads an {@link FxmlFile}; controllers come from the factory the composition root gives. */
public final class ViewLoader {

    private final Function<Class<?>, Object> controllerFactory;

    public ViewLoader(Function<Class<?>, Object> controllerFactory) {
        this.controllerFactory = controllerFactory;
    }

    public record Loaded<C>(Parent root, C controller) {
    }

    public <C> Loaded<C> load(FxmlFile file) {
        URL url = ViewLoader.class.getResource(file.path());
        if (url == null) {
            throw new IllegalStateException("Missing FXML " + file.path());
        }
        FXMLLoader loader = new FXMLLoader(url);
        loader.setControllerFactory(controllerFactory::apply);
        try {
            Parent root = loader.load();
            return new Loaded<>(root, loader.getController());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load " + file.path(), e);
        }
    }
}
