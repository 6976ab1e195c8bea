package org.orchestration.core.model;

/** Why a provider call was made; stored lower-case in {@code usage_log.purpose}. */
public enum Purpose {
    PLAN, TASK, EMBEDDING;

    public String dbValue() {
        return name().toLowerCase();
    }

    public static Purpose fromDb(String value) {
        return valueOf(value.toUpperCase());
    }
}
