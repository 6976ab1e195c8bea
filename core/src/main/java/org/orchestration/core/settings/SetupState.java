package org.orchestration.core.settings;

/** Whether first run is done and in which mode the app runs. */
public record SetupState(boolean firstRunDone, boolean multiUser) {
}
