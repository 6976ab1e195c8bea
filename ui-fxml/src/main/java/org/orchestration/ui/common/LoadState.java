package org.orchestration.ui.common;

/** The four states every loading screen shows (plus IDLE before the first load). */
public enum LoadState {
    IDLE, LOADING, ERROR, EMPTY, DATA
}
