package org.orchestration.ui.port;

import java.time.Instant;

/** A personal API key as listed (the secret is shown only once, at creation). */
public record ApiKeyView(String id, String name, String prefix, Instant createdAt, Instant lastUsedAt) {
}
