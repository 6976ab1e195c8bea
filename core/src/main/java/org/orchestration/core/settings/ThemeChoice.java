package org.orchestration.core.settings;

/** Light, dark, or follow the operating system. */
public enum ThemeChoice {
    SYSTEM, LIGHT, DARK
}
