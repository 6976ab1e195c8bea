package org.orchestration.ui.port;

/** Price of a model in micro-dollars per million input / output tokens. */
public record ModelPrice(String model, long inputMicrosPerMTok, long outputMicrosPerMTok) {
}
