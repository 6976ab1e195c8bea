package org.orchestration.core.db;

/** Work run inside {@link Database#inTransaction(TransactionVoidWork)} that returns nothing. */
@FunctionalInterface
public interface TransactionVoidWork {
    void run() throws Exception;
}
