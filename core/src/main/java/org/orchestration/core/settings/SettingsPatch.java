package org.orchestration.core.settings;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A change to the runtime settings; null fields stay unchanged. {@code modelRouting} and
 * {@code prices} replace the whole stored table (send {@code {}} to go back to the defaults);
 * {@code knowledgeAllowedRoots} replaces the whole list (send an empty list to allow none).
 */
public record SettingsPatch(Integer concurrency, Integer maxTaskRetries, Integer maxAutoRetries, JsonNode modelRouting,
                            JsonNode prices, List<String> knowledgeAllowedRoots) {

    /** A patch that leaves the knowledge roots alone. */
    public SettingsPatch(Integer concurrency, Integer maxTaskRetries, Integer maxAutoRetries, JsonNode modelRouting,
                         JsonNode prices) {
        this(concurrency, maxTaskRetries, maxAutoRetries, modelRouting, prices, null);
    }

    public boolean isEmpty() {
        return concurrency == null && maxTaskRetries == null && maxAutoRetries == null && modelRouting == null && prices == null
                && knowledgeAllowedRoots == null;
    }
}
