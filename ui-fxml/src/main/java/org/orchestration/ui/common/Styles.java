package org.orchestration.ui.common;

import java.util.Locale;
import javafx.scene.control.Label;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.model.TaskStatus;

/** Status badges: one style class per state, coloured by the theme's tokens in app.css. */
public final class Styles {

    private Styles() {
    }

    public static Label badge(String text, String state) {
        Label l = new Label(text);
        l.getStyleClass().addAll("badge", "badge-" + state);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    public static String stateOf(TaskStatus s) {
        return switch (s) {
            case BLOCKED -> "muted";
            case PENDING -> "neutral";
            case RUNNING -> "accent";
            case COMPLETED -> "success";
            case FAILED -> "danger";
            case CANCELLED -> "warning";
        };
    }

    public static String stateOf(ProjectStatus s) {
        return switch (s) {
            case DRAFT -> "muted";
            case PLANNING, PLANNED, READY -> "neutral";
            case RUNNING -> "accent";
            case PAUSED -> "warning";
            case COMPLETED -> "success";
            case FAILED -> "danger";
            case CANCELLED -> "warning";
        };
    }

    public static String label(Enum<?> status) {
        String n = status.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }
}
