package org.orchestration.core.db;

/** Work run inside {@link Database#inTransaction(TransactionWork)}; may return a value. */
@FunctionalInterface
public interface TransactionWork<T> {
    T run() throws Exception;
}
