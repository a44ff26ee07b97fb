package dev.aikagi.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.CoreAssembly;
import dev.aikagi.core.Outcome;
import dev.aikagi.core.TestWorld;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.delivery.Message;
import dev.aikagi.core.login.LoginResult;
import dev.aikagi.core.policy.ClientAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class InvitationsTest {

    private static final ClientAddress FROM = new ClientAddress("192.0.2.10");
    private static final String PASSWORD = "雪の日のゆきだるま";
    private static final Pattern TOKEN = Pattern.compile("/invitation\\?token=([A-Za-z0-9_-]+)");

    private final TestWorld world = new TestWorld("2026-12-07T06:00:00Z", 20);
    private final CoreAssembly core = world.core;
    private final Invitations invitations = core.invitations();

    private AccountId invite(String username) {
        Outcome<UserView, AdminFailure> created = invitations.create(new UserDirectory.NewUser(username, "",
                Optional.of(username + "@example.jp"), Optional.empty(), "en"), "command");
        return created.doneValue().orElseThrow().id();
    }

    private String lastToken(String to) {
        List<Message> sent = world.channels.to(to);
        Matcher m = TOKEN.matcher(sent.get(sent.size() - 1).body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private boolean logsIn(String username, String password) {
        return core.login().submitPassword(username, password, FROM) instanceof LoginResult.Authenticated;
    }

    private List<AuditEvent> events(AuditType type) {
        return world.auditLog.all().stream().filter(e -> e.type() == type).toList();
    }

    @Test
    void createWhenInvitedThenMailedA256BitLinkAndNoPasswordLogsIn() {
        AccountId id = invite("hanako");

        Message mail = world.channels.to("hanako@example.jp").getFirst();
        assertThat(mail.kind()).isEqualTo("invitation");
        assertThat(mail.body()).startsWith("invitation en").contains("days=7", "username=hanako");
        assertThat(lastToken("hanako@example.jp")).hasSize(43);
        assertThat(logsIn("hanako", PASSWORD)).isFalse();
        assertThat(logsIn("hanako", "")).isFalse();
        assertThat(events(AuditType.INVITATION_SENT)).singleElement().satisfies(e -> {
            assertThat(e.accountId()).isEqualTo(id);
            assertThat(e.details()).containsEntry("by", "command");
            assertThat(e.details().values()).noneMatch(v -> v.contains(lastToken("hanako@example.jp")));
        });
    }

    @Test
    void acceptWhenValidThenPasswordSetOnceAndAudited() {
        AccountId id = invite("hanako");
        String token = lastToken("hanako@example.jp");
        assertThat(invitations.usable(token)).isTrue();

        assertThat(invitations.accept(token, PASSWORD, FROM.value()).doneValue()).contains(id);

        assertThat(logsIn("hanako", PASSWORD)).isTrue();
        assertThat(invitations.usable(token)).isFalse();
        assertThat(invitations.accept(token, "another password 22", FROM.value()))
                .isEqualTo(Outcome.refused(Invitations.Failure.LINK_INVALID));
        assertThat(logsIn("hanako", PASSWORD)).isTrue();
        assertThat(events(AuditType.INVITATION_USED)).singleElement()
                .satisfies(e -> assertThat(e.details().values()).noneMatch(v -> v.contains(token)));
    }

    @Test
    void acceptWhenPasswordWeakThenRefusedAndTheLinkStillWorks() {
        invite("hanako");
        String token = lastToken("hanako@example.jp");

        assertThat(invitations.accept(token, "short", FROM.value()))
                .isEqualTo(Outcome.refused(Invitations.Failure.PASSWORD_TOO_SHORT));
        assertThat(invitations.accept(token, "hanako-and-more", FROM.value()))
                .isEqualTo(Outcome.refused(Invitations.Failure.PASSWORD_CONTAINS_USERNAME));

        assertThat(invitations.usable(token)).isTrue();
    }

    @Test
    void acceptWhenExpiredOrUnknownThenLinkInvalid() {
        invite("hanako");
        String token = lastToken("hanako@example.jp");
        world.clock.advance(Duration.ofDays(7));

        assertThat(invitations.usable(token)).isFalse();
        assertThat(invitations.accept(token, PASSWORD, FROM.value()))
                .isEqualTo(Outcome.refused(Invitations.Failure.LINK_INVALID));
        assertThat(invitations.accept("x".repeat(43), PASSWORD, FROM.value()))
                .isEqualTo(Outcome.refused(Invitations.Failure.LINK_INVALID));
        assertThat(invitations.accept(null, PASSWORD, FROM.value()))
                .isEqualTo(Outcome.refused(Invitations.Failure.LINK_INVALID));
        assertThat(logsIn("hanako", PASSWORD)).isFalse();
    }

    @Test
    void resendWhenSentAgainThenOnlyTheNewLinkWorks() {
        AccountId id = invite("hanako");
        String first = lastToken("hanako@example.jp");

        assertThat(invitations.resend(id, "command").doneValue()).isPresent();
        String second = lastToken("hanako@example.jp");

        assertThat(second).isNotEqualTo(first);
        assertThat(invitations.usable(first)).isFalse();
        assertThat(invitations.accept(second, PASSWORD, FROM.value()).doneValue()).contains(id);
    }

    @Test
    void createWhenNoEmailThenRefusedAndNoAccount() {
        assertThat(invitations.create(new UserDirectory.NewUser("hanako", "", Optional.empty(), Optional.empty(), "ja"),
                "command")).isEqualTo(Outcome.refused(AdminFailure.EMAIL_REQUIRED));
        assertThat(core.userDirectory().findByUsername("hanako")).isEmpty();
    }

    @Test
    void acceptWhenManyTriesFromOneAddressThenThrottled() {
        Outcome<AccountId, Invitations.Failure> last = null;
        for (int i = 0; i < 11; i++) {
            last = invitations.accept("guess-" + i, PASSWORD, FROM.value());
        }
        assertThat(last).isInstanceOfSatisfying(Outcome.Refused.class, r -> {
            assertThat(r.failure()).isEqualTo(Invitations.Failure.TOO_MANY_ATTEMPTS);
            assertThat(r.retryAt()).isPresent();
        });
    }

    @Test
    void acceptWhenTwoRaceThenTheConditionalUpdateLetsOnlyOneSetThePassword() {
        // Both read the invitation as usable before either writes: the row count of the update decides.
        java.util.Map<String, AccountId> seen = new java.util.HashMap<>();
        InvitationRepository stale = new InvitationRepository() {
            @Override
            public void create(String tokenHash, AccountId accountId, java.time.Instant createdAt,
                               java.time.Instant expiresAt) {
                seen.put(tokenHash, accountId);
                world.invitations.create(tokenHash, accountId, createdAt, expiresAt);
            }

            @Override
            public Optional<AccountId> findUsable(String tokenHash, java.time.Instant now) {
                return Optional.ofNullable(seen.get(tokenHash));
            }

            @Override
            public boolean use(String tokenHash, java.time.Instant now) {
                return world.invitations.use(tokenHash, now);
            }

            @Override
            public int revokeAll(AccountId accountId) {
                return world.invitations.revokeAll(accountId);
            }
        };
        Invitations racing = world.builder(List.of()).invitations(stale, Duration.ofDays(7)).build().invitations();
        Outcome<UserView, AdminFailure> created = racing.create(new UserDirectory.NewUser("hanako", "",
                Optional.of("hanako@example.jp"), Optional.empty(), "en"), "command");
        assertThat(created.doneValue()).isPresent();
        String token = lastToken("hanako@example.jp");
        world.invitations.use(dev.aikagi.core.recovery.RecoveryTokens.hash(token), world.clock.instant());

        assertThat(racing.accept(token, PASSWORD, FROM.value()))
                .isEqualTo(Outcome.refused(Invitations.Failure.LINK_INVALID));
        assertThat(logsIn("hanako", PASSWORD)).isFalse();
    }
}
