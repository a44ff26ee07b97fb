package dev.aikagi.core.settings;

import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The time zone each person chose for the times the pages show (issue 17), by account id: one per account at most.
 * Only region ids ({@code Asia/Tokyo}) are stored; the caller checks them against the JDK's list first.
 */
public interface TimeZoneRepository {

    /** The zone the account chose, if it chose one (and it is still a zone this JDK knows). */
    Optional<ZoneId> find(AccountId account);

    /** Keeps {@code zone} as the account's, replacing any zone it chose before. */
    void choose(AccountId account, ZoneId zone, Instant at);

    /** Forgets the account's zone (back to the browser's); true when it had one. */
    boolean clear(AccountId account);
}
