package dev.aikagi.core.factor.totp;

import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.UUID;

/** TOTP factors for tests. */
public final class TestTotpFactors {

    public static final Instant CREATED_AT = Instant.parse("2026-04-01T08:00:00.123456Z");

    private TestTotpFactors() {
    }

    /** A pending factor of {@code owner} with a random id, default parameters and no accepted step. */
    public static TotpFactor pending(AccountId owner) {
        UUID id = UUID.randomUUID();
        return new TotpFactor(id, owner, "k1:" + id, TotpParameters.DEFAULT, TotpFactor.NO_STEP, CREATED_AT, null);
    }
}
