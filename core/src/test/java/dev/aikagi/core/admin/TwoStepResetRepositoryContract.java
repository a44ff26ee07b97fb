package dev.aikagi.core.admin;

import static dev.aikagi.core.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TwoStepResetRepository} must do; run on the in-memory one, H2 and PostgreSQL. */
public abstract class TwoStepResetRepositoryContract {

    private static final Instant NOW = Instant.parse("2026-12-07T06:00:00.123456Z");

    private TwoStepResetRepository resets;
    private Account account;

    /** An empty repository and the account repository of the same store (resets refer to accounts). */
    protected abstract TwoStepResetRepository createRepository();

    protected abstract AccountRepository accounts();

    @BeforeEach
    void setUp() {
        resets = createRepository();
        account = account().build();
        accounts().create(account);
    }

    private TwoStepReset reset(Duration waiting) {
        return new TwoStepReset(UUID.randomUUID(), account.id(), AdminTwoStep.Method.TOTP, "client:ops", NOW,
                NOW.plus(waiting));
    }

    @Test
    void dueWhenEffectiveThenListedAndMarkDoneOnce() {
        TwoStepReset soon = reset(Duration.ofHours(1));
        TwoStepReset later = reset(Duration.ofHours(48));
        resets.create(soon);
        resets.create(later);

        assertThat(resets.due(NOW, 10)).isEmpty();
        assertThat(resets.due(NOW.plus(Duration.ofHours(1)), 10)).containsExactly(soon);
        assertThat(resets.waiting(account.id())).containsExactlyInAnyOrder(soon, later);
        assertThat(resets.markDone(soon.id(), NOW.plus(Duration.ofHours(1)))).isTrue();
        assertThat(resets.markDone(soon.id(), NOW.plus(Duration.ofHours(1)))).isFalse();
        assertThat(resets.due(NOW.plus(Duration.ofHours(49)), 10)).containsExactly(later);
    }

    @Test
    void cancelWaitingWhenWaitingThenNoneDueOrWaiting() {
        resets.create(reset(Duration.ofHours(1)));

        assertThat(resets.cancelWaiting(account.id(), NOW)).isEqualTo(1);

        assertThat(resets.due(NOW.plus(Duration.ofDays(3)), 10)).isEmpty();
        assertThat(resets.waiting(account.id())).isEmpty();
        assertThat(resets.cancelWaiting(account.id(), NOW)).isZero();
    }
}
