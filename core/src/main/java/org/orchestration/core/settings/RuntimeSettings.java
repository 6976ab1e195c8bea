package org.orchestration.core.settings;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The admin-editable runtime settings as they are in force now.
 *
 * @param modelRouting the {@code llm.routing} table (an empty object when none is stored: the defaults apply)
 * @param prices       the {@code pricing.overrides} table (an empty object when none is stored)
 * @param knowledgeAllowedRoots the folders (absolute) inside which any user may create knowledge bases
 */
public record RuntimeSettings(int concurrency, int maxTaskRetries, int maxAutoRetries, JsonNode modelRouting,
                              JsonNode prices, List<String> knowledgeAllowedRoots) {
}
