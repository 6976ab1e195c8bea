package org.orchestration.core.settings;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A change to the runtime settings; null fields stay unchanged. {@code modelRouting} and
 * {@code prices} replace the whole stored table (send {@code {}} to go back to the defaults).
 */
public record SettingsPatch(Integer concurrency, Integer maxTaskRetries, Integer maxAutoRetries, JsonNode modelRouting,
                            JsonNode prices) {

    public boolean isEmpty() {
        return concurrency == null && maxTaskRetries == null && maxAutoRetries == null && modelRouting == null && prices == null;
    }
}
