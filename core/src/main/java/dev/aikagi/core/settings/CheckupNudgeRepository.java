package dev.aikagi.core.settings;

import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.UUID;

/**
 * The security checkup's nudge after login, per account: when it was last given, to which session (the settings
 * page of that session shows it until it is put off), and whether its owner asked never to be nudged again.
 */
public interface CheckupNudgeRepository {

    /**
     * Gives the account's nudge to {@code sessionId}: true, recording {@code now}, only if the account was never
     * nudged or last nudged before {@code lastBefore}, and never dismissed it. One conditional write: of concurrent
     * logins at most one is nudged.
     */
    boolean claim(AccountId accountId, UUID sessionId, Instant now, Instant lastBefore);

    /** Whether {@code sessionId} holds the account's nudge (claimed by it, not put off or dismissed since). */
    boolean heldBy(AccountId accountId, UUID sessionId);

    /** "Not now": the nudge is put off; the next one comes after the interval. */
    void putOff(AccountId accountId);

    /** "Don't remind me again". */
    void dismiss(AccountId accountId, Instant at);
}
