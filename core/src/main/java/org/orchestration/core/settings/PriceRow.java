package org.orchestration.core.settings;

/** A model's price as Settings lists and edits it, in micro-dollars per million input / output tokens. */
public record PriceRow(String model, long inputMicrosPerMTok, long outputMicrosPerMTok) {
}
