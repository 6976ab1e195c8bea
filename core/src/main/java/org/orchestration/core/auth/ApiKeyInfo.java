package org.orchestration.core.auth;

import java.time.Instant;
import java.util.Optional;

/**
 * A personal API key as it is listed: never the key itself, only its first characters
 * ({@code prefix}, e.g. {@code oe_Ab12Cd}) so the owner can tell keys apart.
 */
public record ApiKeyInfo(String id, String userId, String name, String prefix, Instant createdAt,
                         Optional<Instant> lastUsedAt, Optional<Instant> revokedAt) {

    public boolean revoked() {
        return revokedAt.isPresent();
    }
}
