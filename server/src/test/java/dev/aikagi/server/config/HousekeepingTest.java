package dev.aikagi.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.SignUp;
import dev.aikagi.core.policy.AttemptBudget;
import dev.aikagi.core.policy.AttemptRepository;
import dev.aikagi.core.session.AssuranceLevel;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.session.SessionRepository;
import dev.aikagi.core.session.SessionTokens;
import dev.aikagi.server.RunningServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HousekeepingTest {

    @TempDir
    Path dataDir;

    @Test
    void deleteEndedWhenSessionsIdleOrTooOldThenRemovedAndLiveOnesKept() {
        try (RunningServer server = RunningServer.start(dataDir)) {
            AccountId owner = server.bean(SignUp.class).register("housekeeping", "a long and private passphrase", "127.0.0.1")
                    .doneValue().orElseThrow();
            SessionRepository sessions = server.bean(SessionRepository.class);
            Instant now = server.bean(Clock.class).instant();
            Session live = session(owner, now.minusSeconds(60), now);
            Session idle = session(owner, now.minus(Duration.ofHours(3)), now.minus(Duration.ofHours(2)));
            Session tooOld = session(owner, now.minus(Duration.ofDays(2)), now);
            List.of(live, idle, tooOld).forEach(sessions::create);

            server.bean(Housekeeping.class).deleteEnded();

            assertThat(sessions.findByTokenHash(live.tokenHash())).isPresent();
            assertThat(sessions.findByTokenHash(idle.tokenHash())).isEmpty();
            assertThat(sessions.findByTokenHash(tooOld.tokenHash())).isEmpty();
        }
    }

    @Test
    void deleteEndedWhenAttemptCounterQuietForThirtyDaysThenForgottenAndRecentOneKept() {
        try (RunningServer server = RunningServer.start(dataDir)) {
            AttemptRepository attempts = server.bean(AttemptRepository.class);
            Instant now = server.bean(Clock.class).instant();
            AttemptBudget budget = new AttemptBudget(5, Duration.ofMinutes(1), Duration.ofHours(1), 0, Duration.ZERO);
            String quiet = "test:quiet:" + UUID.randomUUID();
            String recent = "test:recent:" + UUID.randomUUID();
            attempts.acquire(quiet, budget, now.minus(Housekeeping.ATTEMPTS_KEPT).minusSeconds(60));
            attempts.acquire(recent, budget, now.minus(Duration.ofDays(29)));

            server.bean(Housekeeping.class).deleteEnded();

            assertThat(attempts.failures(quiet)).isZero();
            assertThat(attempts.failures(recent)).isEqualTo(1);
        }
    }

    private static Session session(AccountId owner, Instant createdAt, Instant lastSeenAt) {
        return new Session(UUID.randomUUID(), SessionTokens.hash(UUID.randomUUID().toString()), owner, List.of("pwd"),
                AssuranceLevel.AAL1, createdAt, lastSeenAt, null, Session.Kind.BROWSER);
    }
}
