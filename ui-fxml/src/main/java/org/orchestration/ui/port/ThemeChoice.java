package org.orchestration.ui.port;

/** Light, dark, or follow the operating system. */
public enum ThemeChoice {
    SYSTEM, LIGHT, DARK
}
