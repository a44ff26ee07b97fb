package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountId;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Serialises changes to one account's factors: {@code select ... for update} on the account row, inside
 * the caller's transaction. This stands in for the partial unique indexes ("one current set", "one
 * confirmed factor") that H2 cannot express, and gives every multi-row change the same lock order
 * (account first), so they cannot deadlock each other.
 */
final class AccountLock {

    private static final String LOCK = "select id from account where id = :id for update";

    private final JdbcClient jdbc;

    AccountLock(JdbcClient jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    }

    /** Locks the account row until the transaction ends; false when there is no such account. */
    boolean lock(AccountId accountId) {
        return !jdbc.sql(LOCK).param("id", accountId.value()).query().listOfRows().isEmpty();
    }
}
