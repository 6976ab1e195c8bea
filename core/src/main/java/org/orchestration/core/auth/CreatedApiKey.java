package org.orchestration.core.auth;

/**
 * A key just created: {@code plaintext} is shown to the user this once and is stored nowhere
 * (the database keeps only its SHA-256 hash).
 */
public record CreatedApiKey(ApiKeyInfo info, String plaintext) {

    @Override
    public String toString() {
        return "CreatedApiKey[" + info + ", plaintext=<hidden>]";
    }
}
