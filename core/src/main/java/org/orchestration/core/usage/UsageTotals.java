package org.orchestration.core.usage;

/**
 * Spend and tokens of a group of usage rows.
 *
 * @param key   what the group is: a day (yyyy-MM-dd), a project id, a model name or a purpose
 * @param label a readable name for the key (project name, provider of the model); may equal key
 */
public record UsageTotals(String key, String label, long costMicros, long inputTokens, long outputTokens, long cacheReadTokens,
                          long cacheWriteTokens, long calls) {

    UsageTotals plus(long cost, long in, long out, long cacheRead, long cacheWrite) {
        return new UsageTotals(key, label, costMicros + cost, inputTokens + in, outputTokens + out, cacheReadTokens + cacheRead,
                cacheWriteTokens + cacheWrite, calls + 1);
    }

    static UsageTotals empty(String key, String label) {
        return new UsageTotals(key, label, 0, 0, 0, 0, 0, 0);
    }
}
