package dev.aikagi.core.store;

import java.util.function.Supplier;

/**
 * Runs several repository calls as one database transaction: all of them happen or none does, whatever
 * stops the process between them. The server backs it with its transaction manager; the repositories take
 * part because they use the same data source. Without a database (in-memory tests) it just runs the work.
 */
@FunctionalInterface
public interface Transactions {

    <T> T inTransaction(Supplier<T> work);

    /** Runs the work as it is: for in-memory repositories, which have no transactions. */
    static Transactions none() {
        return Supplier::get;
    }
}
