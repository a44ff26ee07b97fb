package dev.aikagi.core.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.MutableClock;
import dev.aikagi.core.Outcome;
import dev.aikagi.core.TestChannels;
import dev.aikagi.core.TestWorld;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.InMemoryAccountRepository;
import dev.aikagi.core.account.SignUp;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.audit.InMemoryAuditLog;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.delivery.Message;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.backup.BackupCodes;
import dev.aikagi.core.factor.backup.IssuedBackupCodes;
import dev.aikagi.core.factor.password.PasswordHasher;
import dev.aikagi.core.factor.password.PasswordPolicy;
import dev.aikagi.core.factor.totp.Base32;
import dev.aikagi.core.factor.totp.Totp;
import dev.aikagi.core.factor.totp.TotpAuthenticator;
import dev.aikagi.core.factor.totp.TotpParameters;
import dev.aikagi.core.login.LoginResult;
import dev.aikagi.core.login.LoginService;
import dev.aikagi.core.notify.InMemoryKnownDeviceRepository;
import dev.aikagi.core.notify.SecurityNotifications;
import dev.aikagi.core.policy.AttemptGuard;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.policy.InMemoryAttemptRepository;
import dev.aikagi.core.session.InMemorySessionRepository;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.session.Sessions;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Self-service recovery (product journey 7): two independent proofs, a waiting period every channel is
 * told about, cancellation by the owner, and a completion that ends everything old and opens a session
 * good only for new factors. Unknown usernames take the same path and never get further.
 */
class RecoveryServiceTest {

    static final ClientAddress FROM = new ClientAddress("198.51.100.7");
    static final String PASSWORD = "ふるいけや かわずとびこむ";
    static final String MOBILE = "+819012345678";
    static final String EMAIL = "hanako@example.jp";
    static final Pattern LINK = Pattern.compile("token=([A-Za-z0-9_-]+)");

    final TestWorld world = new TestWorld("2026-11-25T09:00:00Z", 23);
    final MutableClock clock = world.clock;
    final SecretGenerator generator = world.generator;
    final InMemoryAccountRepository accounts = world.accounts;
    final InMemoryAttemptRepository attempts = world.attempts;
    final PasswordHasher hasher = world.hasher;
    final TotpAuthenticator totp = world.totp;
    final BackupCodes backupCodes = world.backupCodes;
    final InMemoryAuditLog auditLog = world.auditLog;
    final Auditor audit = world.audit;
    final AttemptGuard guard = world.guard;
    final TestChannels channels = world.channels;
    final InMemorySessionRepository sessionRepository = world.sessionRepository;
    final Sessions sessions = world.sessions;
    final InMemoryKnownDeviceRepository devices = world.deviceRepository;
    final SecurityNotifications notifications = world.notifications;
    final LoginService login = world.login;
    final InMemoryRecoveryRepository cases = world.recoveries;
    final RecoveryService recovery = world.core.recovery();
    final RecoveryCompletion completion = world.core.recoveryCompletion();

    AccountId account;
    byte[] totpKey;
    IssuedBackupCodes oldCodes;

    @BeforeEach
    void accountWithAppPhoneEmailAndBackupCodes() {
        account = new SignUp(accounts, hasher, new PasswordPolicy(Set.of()), generator, audit, clock)
                .register("hanako", PASSWORD, FROM.value()).doneValue().orElseThrow();
        var enrollment = totp.begin(account, "hanako", clock.instant());
        totpKey = Base32.decode(enrollment.base32Secret()).orElseThrow();
        assertThat(totp.confirm(account, Totp.codeAt(totpKey, clock.instant(), TotpParameters.DEFAULT),
                clock.instant()).isAccepted()).isTrue();
        oldCodes = backupCodes.issue(account, clock.instant());
        channels.addPhone(account, MOBILE, clock.instant());
        channels.addEmail(account, EMAIL, clock.instant());
    }

    /** A normal login with password and authenticator code, in a new time step. */
    Session loggedIn() {
        LoginResult.SecondFactorRequired step = (LoginResult.SecondFactorRequired) login.submitPassword("hanako",
                PASSWORD, FROM);
        clock.advance(Duration.ofSeconds(30));
        LoginResult.Authenticated done = (LoginResult.Authenticated) login.verifySecondFactor(step.flow().id(),
                FactorKind.TOTP, Totp.codeAt(totpKey, clock.instant(), TotpParameters.DEFAULT), FROM);
        return sessions.open(done.flow(), Session.Kind.BROWSER).session();
    }

    @Test
    void startWhenUsernameInvalidThenCaseSubjectHoldsNoNul() {
        // PostgreSQL text cannot hold NUL: the old "\u0000invalid" subject made every recovery started with an
        // invalid username a 500 there (found by the reliability suite).
        RecoveryService.Started id = started("x");

        assertThat(cases.find(id.id()).orElseThrow().subject()).isEqualTo("user:" + RecoveryService.INVALID_USERNAME)
                .doesNotContain("\u0000");
    }

    RecoveryService.Started started(String username) {
        return recovery.start(username, FROM).doneValue().orElseThrow();
    }

    RecoveryService.Status prove(RecoveryService.Started id, Proof proof) {
        if (proof == Proof.PASSWORD) {
            return recovery.verify(id.id(), id.token(), "password", PASSWORD, FROM).doneValue().orElseThrow();
        }
        assertThat(recovery.sendCode(id.id(), id.token(), proof.value(), FROM).isDone()).isTrue();
        String code = channels.lastCode(proof == Proof.EMAIL ? EMAIL : MOBILE);
        return recovery.verify(id.id(), id.token(), proof.value(), code, FROM).doneValue().orElseThrow();
    }

    @Test
    void emailAndSmsCodesStartTheWaitingPeriodThenCompletionOpensALimitedSessionWithNewCodes() {
        Session before = loggedIn();
        RecoveryService.Started id = started("Hanako");

        assertThat(prove(id, Proof.EMAIL).state()).isEqualTo(RecoveryState.NEEDS_MORE_PROOF);
        RecoveryService.Status waiting = prove(id, Proof.SMS);

        assertThat(waiting.state()).isEqualTo(RecoveryState.WAITING);
        assertThat(waiting.waitingUntil()).contains(clock.instant().plus(Duration.ofHours(24)));
        // Every channel is told, with a link that cancels.
        assertThat(channels.to(EMAIL)).extracting(Message::kind).contains("alert.recovery_started");
        assertThat(channels.to(MOBILE)).extracting(Message::kind).contains("alert.recovery_started");
        assertThat(completion.complete(id.id(), id.token(), Session.Kind.API, FROM).refusal()).contains(RecoveryFailure.NOT_READY);

        clock.advance(Duration.ofHours(24));
        assertThat(recovery.status(id.id(), id.token()).doneValue().orElseThrow().state()).isEqualTo(RecoveryState.READY);
        RecoveryService.Completed done = completion.complete(id.id(), id.token(), Session.Kind.API, FROM).doneValue().orElseThrow();

        Session limited = done.session().session();
        assertThat(limited.isRecovery()).isTrue();
        assertThat(limited.amr()).containsExactly(Session.RECOVERY_AMR);
        assertThat(limited.isReauthenticatedAt(clock.instant())).isTrue();
        assertThat(done.backupCodes().codes()).hasSize(10).doesNotContainAnyElementsOf(oldCodes.codes());
        assertThat(sessions.find(done.session().token())).isPresent();
        assertThat(sessionRepository.findByAccount(account, clock.instant())).extracting(Session::id)
                .containsExactly(limited.id()).doesNotContain(before.id());
        assertThat(totp.isEnrolled(account)).isFalse();
        assertThat(backupCodes.verify(account, oldCodes.codes().get(0), clock.instant()).isAccepted()).isFalse();
        assertThat(channels.channels.find(account, dev.aikagi.core.delivery.Channel.SMS).orElseThrow().smsLogin())
                .as("the phone was one of the proofs: it stays a login method").isTrue();
        assertThat(completion.complete(id.id(), id.token(), Session.Kind.API, FROM).refusal()).contains(RecoveryFailure.CLOSED);
        assertThat(completion.contactsFrozenUntil(account)).contains(clock.instant().plus(Duration.ofDays(7)));
        assertThat(auditLog.recent(account, 100)).extracting(AuditEvent::type).contains(AuditType.RECOVERY_STARTED,
                AuditType.RECOVERY_PROOF_ACCEPTED, AuditType.RECOVERY_WAITING, AuditType.RECOVERY_COMPLETED);
    }

    @Test
    void oneCodePlusThePasswordSufficesButThePasswordAloneOrOneChannelTwiceNever() {
        RecoveryService.Started passwordOnly = started("hanako");
        assertThat(prove(passwordOnly, Proof.PASSWORD).state()).isEqualTo(RecoveryState.NEEDS_MORE_PROOF);

        RecoveryService.Started emailTwice = started("hanako");
        prove(emailTwice, Proof.EMAIL);
        clock.advance(Duration.ofSeconds(31));
        assertThat(prove(emailTwice, Proof.EMAIL).state()).isEqualTo(RecoveryState.NEEDS_MORE_PROOF);

        RecoveryService.Started smsAndPassword = started("hanako");
        prove(smsAndPassword, Proof.SMS);
        assertThat(prove(smsAndPassword, Proof.PASSWORD).state()).isEqualTo(RecoveryState.WAITING);
    }

    @Test
    void aZeroWaitingPeriodIsReadyAtOnce() {
        RecoveryService immediate = new RecoveryService(accounts, cases, channels.channels, channels.sender, hasher,
                attempts, audit, generator, new RecoveryPolicy(Duration.ZERO, Duration.ofHours(1), Duration.ofHours(24), Duration.ofDays(7)),
                Runnable::run, clock);
        RecoveryService.Started id = immediate.start("hanako", FROM).doneValue().orElseThrow();
        immediate.sendCode(id.id(), id.token(), "email", FROM);
        immediate.verify(id.id(), id.token(), "email", channels.lastCode(EMAIL), FROM);

        assertThat(immediate.verify(id.id(), id.token(), "password", PASSWORD, FROM).doneValue().orElseThrow().state())
                .isEqualTo(RecoveryState.READY);
        assertThat(completion.complete(id.id(), id.token(), Session.Kind.BROWSER, FROM).isDone()).isTrue();
    }

    @Test
    void anUnknownUsernameGetsTheSameAnswersAndNothingIsSent() {
        RecoveryService.Started id = started("nobody-here");
        int sentBefore = channels.sent.size();

        Outcome<RecoveryService.CodeSent, RecoveryFailure> sent = recovery.sendCode(id.id(), id.token(), "email", FROM);
        Outcome<RecoveryService.Status, RecoveryFailure> code = recovery.verify(id.id(), id.token(), "email", "123456", FROM);
        Outcome<RecoveryService.Status, RecoveryFailure> password = recovery.verify(id.id(), id.token(), "password", PASSWORD, FROM);

        assertThat(sent.isDone()).isTrue();
        assertThat(sent.doneValue().orElseThrow().channel()).isEqualTo(Proof.EMAIL);
        assertThat(channels.sent).hasSize(sentBefore);
        assertThat(code.refusal()).contains(RecoveryFailure.PROOF_INVALID);
        assertThat(password.refusal()).contains(RecoveryFailure.PROOF_INVALID);
        assertThat(recovery.status(id.id(), id.token()).doneValue().orElseThrow().state()).isEqualTo(RecoveryState.NEEDS_MORE_PROOF);
        assertThat(completion.complete(id.id(), id.token(), Session.Kind.API, FROM).refusal()).contains(RecoveryFailure.NOT_READY);
    }

    @Test
    void aChannelTheAccountLacksAnswersLikeOneItHas() {
        channels.channels.remove(account, dev.aikagi.core.delivery.Channel.EMAIL);
        RecoveryService.Started id = started("hanako");

        Outcome<RecoveryService.CodeSent, RecoveryFailure> sent = recovery.sendCode(id.id(), id.token(), "email", FROM);

        assertThat(sent.isDone()).isTrue();
        assertThat(channels.to(EMAIL)).isEmpty();
        assertThat(recovery.verify(id.id(), id.token(), "email", "000000", FROM).refusal()).contains(RecoveryFailure.PROOF_INVALID);
    }

    @Test
    void wrongProofsAreLimitedPerUsernameAcrossCasesAndAddresses() {
        int refusedForTime = 0;
        for (int i = 0; i < 10; i++) {
            RecoveryService.Started id = started("hanako");
            ClientAddress elsewhere = new ClientAddress("203.0.113." + i);
            Outcome<RecoveryService.Status, RecoveryFailure> wrong = recovery.verify(id.id(), id.token(), "password", "wrong " + i, elsewhere);
            if (wrong.refusal().equals(java.util.Optional.of(RecoveryFailure.TOO_MANY_ATTEMPTS))) {
                refusedForTime++;
                assertThat(wrong.retryAt()).isPresent();
            }
        }
        assertThat(refusedForTime).isEqualTo(5);
    }

    @Test
    void codesAreBoundToTheirCaseAndProofsToTheirChannel() {
        RecoveryService.Started first = started("hanako");
        recovery.sendCode(first.id(), first.token(), "email", FROM);
        String emailCode = channels.lastCode(EMAIL);
        RecoveryService.Started second = started("hanako");

        assertThat(recovery.verify(second.id(), second.token(), "email", emailCode, FROM).refusal()).contains(RecoveryFailure.PROOF_INVALID);
        assertThat(recovery.verify(first.id(), first.token(), "sms", emailCode, FROM).refusal()).contains(RecoveryFailure.PROOF_INVALID);
        assertThat(recovery.verify(first.id(), first.token(), "email", emailCode, FROM).isDone()).isTrue();
        assertThat(recovery.verify(first.id(), first.token(), "fax", "1", FROM).refusal()).contains(RecoveryFailure.UNKNOWN_CHANNEL);
        assertThat(recovery.sendCode(first.id(), first.token(), "password", FROM).refusal()).contains(RecoveryFailure.UNKNOWN_CHANNEL);
        assertThat(recovery.verify(UUID.randomUUID(), first.token(), "email", emailCode, FROM).refusal())
                .contains(RecoveryFailure.NOT_FOUND);
    }

    @Test
    void proofsMustComeWithinTheProofWindow() {
        RecoveryService.Started id = started("hanako");
        prove(id, Proof.EMAIL);
        clock.advance(Duration.ofMinutes(61));

        assertThat(recovery.verify(id.id(), id.token(), "password", PASSWORD, FROM).refusal()).contains(RecoveryFailure.CLOSED);
        assertThat(recovery.status(id.id(), id.token()).doneValue().orElseThrow().state()).isEqualTo(RecoveryState.EXPIRED);
    }


    // Issue 14, point 1: a recovery belongs to the client that started it.

    @Test
    void startWhenKnownOrUnknownUsernameThenATokenOfTheSameShapeStoredOnlyAsItsHash() {
        RecoveryService.Started known = started("hanako");
        RecoveryService.Started unknown = started("nobody-here");

        for (RecoveryService.Started s : java.util.List.of(known, unknown)) {
            assertThat(s.token()).matches("[A-Za-z0-9_-]{43}"); // 256 random bits, Base64url
            RecoveryCase stored = cases.find(s.id()).orElseThrow();
            assertThat(stored.tokenHash()).isEqualTo(RecoveryTokens.hash(s.token())).doesNotContain(s.token());
            assertThat(stored.toString()).doesNotContain(s.token());
            assertThat(s.toString()).doesNotContain(s.token());
            assertThat(recovery.caseOf(s.token())).contains(s.id());
        }
        assertThat(known.token()).isNotEqualTo(unknown.token());
        assertThat(auditLog.all().toString()).doesNotContain(known.token()).doesNotContain(unknown.token());
    }

    @Test
    void everyStepWhenTokenMissingOrWrongThenNotFoundLikeAnUnknownId() {
        RecoveryService.Started owners = started("hanako");
        prove(owners, Proof.EMAIL);
        prove(owners, Proof.SMS);
        clock.advance(Duration.ofHours(24));
        RecoveryService.Started strangers = started("hanako");
        UUID id = owners.id();

        for (String token : new String[] {null, "", "x", strangers.token(), owners.token() + "A", id.toString(),
                RecoveryTokens.hash(owners.token())}) {
            assertThat(recovery.status(id, token).refusal()).as(token).contains(RecoveryFailure.NOT_FOUND);
            assertThat(recovery.sendCode(id, token, "email", FROM).refusal()).contains(RecoveryFailure.NOT_FOUND);
            assertThat(recovery.verify(id, token, "password", PASSWORD, FROM).refusal())
                    .contains(RecoveryFailure.NOT_FOUND);
            assertThat(completion.complete(id, token, Session.Kind.API, FROM).refusal())
                    .contains(RecoveryFailure.NOT_FOUND);
        }
        assertThat(recovery.status(UUID.randomUUID(), owners.token()).refusal()).contains(RecoveryFailure.NOT_FOUND);
        assertThat(recovery.caseOf("not-a-token")).isEmpty();
        assertThat(recovery.caseOf(null)).isEmpty();
        assertThat(auditLog.all()).extracting(AuditEvent::type).doesNotContain(AuditType.RECOVERY_COMPLETED);

        assertThat(completion.complete(id, owners.token(), Session.Kind.API, FROM).isDone()).isTrue();
    }

    @Test
    void handOverWhenCalledThenOnlyTheNewTokenWorks() {
        UUID id = recovery.startApprovedBySupport(account, FROM.value(), java.util.Map.of("support", "case-1"));
        assertThat(auditLog.all().toString()).contains(id.toString());

        String token = recovery.handOver(id).orElseThrow();
        String again = recovery.handOver(id).orElseThrow();

        assertThat(recovery.status(id, token).refusal()).as("replaced").contains(RecoveryFailure.NOT_FOUND);
        assertThat(recovery.status(id, again).doneValue().orElseThrow().state()).isEqualTo(RecoveryState.WAITING);
        clock.advance(Duration.ofHours(24));
        assertThat(completion.complete(id, again, Session.Kind.BROWSER, FROM).isDone()).isTrue();
        assertThat(recovery.handOver(id)).as("completed").isEmpty();
        assertThat(recovery.handOver(UUID.randomUUID())).isEmpty();
    }

    // Issue 14, point 3: nobody can lock the owner out of recovery.

    @Test
    void sendCodeWhenAnotherCaseSendsForTheSameUsernameThenTheOwnersCodeStaysGood() {
        RecoveryService.Started owners = started("hanako");
        assertThat(recovery.sendCode(owners.id(), owners.token(), "email", FROM).isDone()).isTrue();
        String ownersCode = channels.lastCode(EMAIL);
        clock.advance(Duration.ofSeconds(31));
        RecoveryService.Started strangers = started("hanako");

        assertThat(recovery.sendCode(strangers.id(), strangers.token(), "email", new ClientAddress("203.0.113.9"))
                .isDone()).isTrue();

        assertThat(channels.lastCode(EMAIL)).isNotEqualTo(ownersCode);
        assertThat(recovery.verify(owners.id(), owners.token(), "email", ownersCode, FROM).isDone())
                .as("a new case never cancels another case's code").isTrue();
    }

    @Test
    void verifyWhenAStrangersCasesFailedThenTheOwnersLaterCaseIsNotSlowed() {
        // A stranger fails every proof he can, in case after case, from many addresses...
        for (int i = 0; i < 4; i++) {
            RecoveryService.Started strangers = recovery.start("hanako", new ClientAddress("203.0.113." + i))
                    .doneValue().orElseThrow();
            ClientAddress from = new ClientAddress("203.0.113." + i);
            for (int j = 0; j < 6; j++) {
                recovery.verify(strangers.id(), strangers.token(), "password", "guess " + i + j, from);
                recovery.verify(strangers.id(), strangers.token(), "email", "00000" + j, from);
                recovery.verify(strangers.id(), strangers.token(), "sms", "11111" + j, from);
            }
            clock.advance(Duration.ofMinutes(61)); // ...and lets each case expire: its failures go with it.
        }
        RecoveryService.Started stillOpen = started("hanako");
        for (int j = 0; j < 6; j++) {
            recovery.verify(stillOpen.id(), stillOpen.token(), "password", "guess " + j, new ClientAddress("192.0.2.9"));
        }

        // The owner proves a channel, then the password: nothing the stranger did slows that down.
        RecoveryService.Started owners = started("hanako");
        assertThat(prove(owners, Proof.EMAIL).state()).isEqualTo(RecoveryState.NEEDS_MORE_PROOF);
        Outcome<RecoveryService.Status, RecoveryFailure> password = recovery.verify(owners.id(), owners.token(),
                "password", PASSWORD, FROM);
        assertThat(password.refusal()).isEmpty();
        assertThat(password.doneValue().orElseThrow().state()).isEqualTo(RecoveryState.WAITING);
    }

    @Test
    void verifyWhenCaseAfterCaseIsStartedToGuessThePasswordThenTheGuessesStayLimited() {
        // Start a case, fail, let it close, start again: the password's budget is the username's, not the case's,
        // so closing a case (here: cancelled, as the owner's login or the notice's link does) gives nothing back.
        int refused = 0;
        for (int i = 0; i < 10; i++) {
            ClientAddress from = new ClientAddress("203.0.113." + i);
            RecoveryService.Started attempt = recovery.start("hanako", from).doneValue().orElseThrow();
            if (recovery.verify(attempt.id(), attempt.token(), "password", "guess " + i, from).refusal()
                    .equals(java.util.Optional.of(RecoveryFailure.TOO_MANY_ATTEMPTS))) {
                refused++;
            }
            completion.cancelAll(account, from.value(), "test");
        }
        assertThat(refused).isEqualTo(5);

        // Letting cases expire does not give it back either: after the wait, one guess, then wait again.
        clock.advance(Duration.ofMinutes(61));
        ClientAddress from = new ClientAddress("192.0.2.44");
        RecoveryService.Started later = recovery.start("hanako", from).doneValue().orElseThrow();
        assertThat(recovery.verify(later.id(), later.token(), "password", "guess", from).refusal())
                .contains(RecoveryFailure.PROOF_INVALID);
        RecoveryService.Started next = recovery.start("hanako", from).doneValue().orElseThrow();
        assertThat(recovery.verify(next.id(), next.token(), "password", "guess", from).refusal())
                .contains(RecoveryFailure.TOO_MANY_ATTEMPTS);
    }

    @Test
    void verifyWhenOneCaseFailsTooOftenThenThatCaseWaits() {
        RecoveryService.Started id = started("hanako");
        recovery.sendCode(id.id(), id.token(), "email", FROM);
        for (int i = 0; i < 5; i++) {
            assertThat(recovery.verify(id.id(), id.token(), "email", "00000" + i, new ClientAddress("203.0.113." + i))
                    .refusal()).contains(RecoveryFailure.PROOF_INVALID);
        }

        Outcome<RecoveryService.Status, RecoveryFailure> sixth = recovery.verify(id.id(), id.token(), "email",
                channels.lastCode(EMAIL), new ClientAddress("203.0.113.99"));
        assertThat(sixth.refusal()).contains(RecoveryFailure.TOO_MANY_ATTEMPTS);
        assertThat(sixth.retryAt()).contains(clock.instant().plus(Duration.ofMinutes(5)));
        // Another case of the same username is not slowed.
        RecoveryService.Started other = started("hanako");
        assertThat(recovery.verify(other.id(), other.token(), "password", PASSWORD, FROM).isDone()).isTrue();
    }

    @Test
    void sendCodeWhenOneAddressSendsForManyUsernamesThenLimitedPerAddress() {
        ClientAddress sender = new ClientAddress("198.51.100.200");
        int refused = 0;
        for (int i = 0; i < 12; i++) {
            RecoveryService.Started id = recovery.start("someone" + i, new ClientAddress("203.0.113." + i))
                    .doneValue().orElseThrow();
            Outcome<RecoveryService.CodeSent, RecoveryFailure> sent = recovery.sendCode(id.id(), id.token(), "email",
                    sender);
            if (sent.refusal().equals(java.util.Optional.of(RecoveryFailure.TOO_MANY_SENDS))) {
                refused++;
                assertThat(sent.retryAt()).isPresent();
            }
        }
        assertThat(refused).isEqualTo(2);
        // Another address is not affected.
        RecoveryService.Started mine = started("hanako");
        assertThat(recovery.sendCode(mine.id(), mine.token(), "email", FROM).isDone()).isTrue();
    }

    /** Issue 15: a password proof refused because the hash workers are busy spends none of the case's attempts. */
    @Test
    void verifyWhenHashWorkersBusyThenBusyAndTheOwnersProofStillCounts() {
        dev.aikagi.core.factor.password.HashWorkers full = new dev.aikagi.core.factor.password.HashWorkers() {
            @Override
            public int size() {
                return 1;
            }

            @Override
            public <T> T run(java.util.function.Supplier<T> hash) {
                throw new dev.aikagi.core.factor.password.HashingBusyException("full");
            }
        };
        RecoveryService busy = new RecoveryService(accounts, cases, channels.channels, channels.sender,
                new PasswordHasher(world.hasher.settings(), generator, full), attempts, audit, generator,
                RecoveryPolicy.DEFAULT, Runnable::run, clock);
        RecoveryService.Started id = started("hanako");

        for (int i = 0; i < 20; i++) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> busy.verify(id.id(), id.token(), "password", PASSWORD, FROM))
                    .isInstanceOf(dev.aikagi.core.factor.password.HashingBusyException.class);
        }

        assertThat(recovery.verify(id.id(), id.token(), "password", PASSWORD, FROM).doneValue()).isPresent();
    }
}
