package dev.aikagi.core.code;

import static dev.aikagi.core.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aikagi.core.Conflict;
import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.crypto.KeyedDigest;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link OneTimeCodeRepository} must do. Subclasses supply the implementation under test. The
 * rules that matter for security: only the newest code of an account and purpose is usable, and each is
 * used at most once, before it expires.
 */
public abstract class OneTimeCodeRepositoryContract {

    private static final Instant T0 = Instant.parse("2026-04-01T08:00:00.123456Z");
    private static final Duration MICRO = Duration.ofNanos(1_000);
    private static final Duration RESEND = Duration.ofSeconds(30);
    private static final String FLOW = "0b6c2f1e-5d7a-4c3b-9e8f-1a2b3c4d5e6f";

    private OneTimeCodeRepository codes;
    private AccountRepository accounts;

    /** A repository holding no codes. */
    protected abstract OneTimeCodeRepository createRepository();

    /** Where the accounts owning the codes are created first (the JDBC table has a foreign key). */
    protected abstract AccountRepository accountRepository();

    @BeforeEach
    void setUpRepository() {
        codes = createRepository();
        accounts = accountRepository();
    }

    @Test
    void issueWhenFirstCodeThenRecentReturnsWhatWasStored() {
        AccountId owner = newAccount();
        OneTimeCode code = new OneTimeCode(UUID.randomUUID(), owner, CodePurpose.VERIFY_EMAIL,
                "hanako.yamada+aikagi@example.jp", digest("k2"), T0.plus(MICRO.multipliedBy(7)),
                T0.plus(CodePurpose.VERIFY_EMAIL.lifetime()), null, null);

        codes.issue(code);

        assertThat(codes.recent(owner, CodePurpose.VERIFY_EMAIL, 10)).containsExactly(code);
    }

    @Test
    void issueWhenOlderCodeUnusedThenItIsSupersededAtTheNewCreationTime() {
        AccountId owner = newAccount();
        OneTimeCode first = code(owner, CodePurpose.LOGIN_SMS, T0);
        OneTimeCode second = code(owner, CodePurpose.LOGIN_SMS, T0.plus(RESEND));
        codes.issue(first);

        codes.issue(second);

        assertThat(codes.recent(owner, CodePurpose.LOGIN_SMS, 10))
                .containsExactly(second, superseded(first, second.createdAt()));
    }

    @Test
    void issueWhenOlderCodeAlreadySupersededThenKeepsItsFirstSupersededAt() {
        AccountId owner = newAccount();
        OneTimeCode first = code(owner, CodePurpose.LOGIN_SMS, T0);
        OneTimeCode second = code(owner, CodePurpose.LOGIN_SMS, T0.plus(RESEND));
        OneTimeCode third = code(owner, CodePurpose.LOGIN_SMS, T0.plus(RESEND.multipliedBy(2)));
        codes.issue(first);
        codes.issue(second);

        codes.issue(third);

        assertThat(codes.recent(owner, CodePurpose.LOGIN_SMS, 10)).containsExactly(third,
                superseded(second, third.createdAt()), superseded(first, second.createdAt()));
    }

    @Test
    void issueWhenOlderCodeUsedThenItStaysUsedAndNotSuperseded() {
        AccountId owner = newAccount();
        OneTimeCode first = code(owner, CodePurpose.LOGIN_SMS, T0);
        codes.issue(first);
        Instant usedAt = T0.plusSeconds(5);
        codes.markUsed(first.id(), usedAt);
        OneTimeCode second = code(owner, CodePurpose.LOGIN_SMS, T0.plus(RESEND));

        codes.issue(second);

        assertThat(codes.recent(owner, CodePurpose.LOGIN_SMS, 10)).containsExactly(second, used(first, usedAt));
    }

    @Test
    void issueWhenOtherPurposeOrAccountHasCodesThenTheyStayUsable() {
        AccountId owner = newAccount();
        AccountId other = newAccount();
        OneTimeCode verifyPhone = code(owner, CodePurpose.VERIFY_PHONE, T0);
        OneTimeCode othersLogin = code(other, CodePurpose.LOGIN_SMS, T0);
        codes.issue(verifyPhone);
        codes.issue(othersLogin);

        codes.issue(code(owner, CodePurpose.LOGIN_SMS, T0.plus(RESEND)));

        assertThat(codes.recent(owner, CodePurpose.VERIFY_PHONE, 10)).containsExactly(verifyPhone);
        assertThat(codes.recent(other, CodePurpose.LOGIN_SMS, 10)).containsExactly(othersLogin);
        assertThat(codes.markUsed(verifyPhone.id(), T0.plus(RESEND))).isTrue();
        assertThat(codes.markUsed(othersLogin.id(), T0.plus(RESEND))).isTrue();
    }

    /** Issue 14: a recovery code belongs to its recovery case; a case someone else starts never cancels it. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = CodePurpose.class, names = {"RECOVERY_EMAIL", "RECOVERY_SMS"})
    void issueWhenRecoveryCodeForAnotherCaseThenOwnersCodeStaysUsable(CodePurpose purpose) {
        AccountId owner = newAccount();
        OneTimeCode ownersCase = new OneTimeCode(UUID.randomUUID(), owner, purpose, "case-of-the-owner", digest("k1"),
                T0, T0.plus(purpose.lifetime()), null, null);
        OneTimeCode ownersResend = new OneTimeCode(UUID.randomUUID(), owner, purpose, "case-of-the-owner",
                digest("k1"), T0.plus(RESEND), T0.plus(RESEND).plus(purpose.lifetime()), null, null);
        OneTimeCode strangersCase = new OneTimeCode(UUID.randomUUID(), owner, purpose, "case-of-a-stranger",
                digest("k1"), T0.plus(RESEND.multipliedBy(2)), T0.plus(RESEND.multipliedBy(2)).plus(purpose.lifetime()),
                null, null);
        codes.issue(ownersCase);
        codes.issue(ownersResend);

        codes.issue(strangersCase);

        assertThat(codes.recent(owner, purpose, 10)).containsExactly(strangersCase, ownersResend,
                superseded(ownersCase, ownersResend.createdAt()));
        assertThat(codes.markUsed(ownersResend.id(), T0.plus(RESEND.multipliedBy(3)))).isTrue();
    }

    @Test
    void issueWhenIdTakenThenConflictAndNothingSuperseded() {
        AccountId owner = newAccount();
        OneTimeCode first = code(owner, CodePurpose.LOGIN_SMS, T0);
        codes.issue(first);
        OneTimeCode clash = new OneTimeCode(first.id(), owner, CodePurpose.LOGIN_SMS, FLOW, digest("k1"),
                T0.plus(RESEND), T0.plus(RESEND).plus(CodePurpose.LOGIN_SMS.lifetime()), null, null);

        assertThatThrownBy(() -> codes.issue(clash)).isInstanceOf(Conflict.class);

        assertThat(codes.recent(owner, CodePurpose.LOGIN_SMS, 10)).containsExactly(first);
        assertThat(codes.markUsed(first.id(), T0.plus(RESEND))).isTrue();
    }

    @Test
    void markUsedWhenUsableThenTrueAndUsedAtStored() {
        AccountId owner = newAccount();
        OneTimeCode code = code(owner, CodePurpose.LOGIN_SMS, T0);
        codes.issue(code);
        Instant usedAt = T0.plusSeconds(42).plus(MICRO.multipliedBy(3));

        assertThat(codes.markUsed(code.id(), usedAt)).isTrue();

        assertThat(codes.recent(owner, CodePurpose.LOGIN_SMS, 1)).containsExactly(used(code, usedAt));
        assertThat(codes.recent(owner, CodePurpose.LOGIN_SMS, 1).getFirst().isUsable(usedAt)).isFalse();
    }

    @Test
    void markUsedWhenAlreadyUsedThenFalseAndFirstUseKept() {
        AccountId owner = newAccount();
        OneTimeCode code = code(owner, CodePurpose.LOGIN_SMS, T0);
        codes.issue(code);
        codes.markUsed(code.id(), T0.plusSeconds(5));

        assertThat(codes.markUsed(code.id(), T0.plusSeconds(6))).isFalse();

        assertThat(codes.recent(owner, CodePurpose.LOGIN_SMS, 1)).containsExactly(used(code, T0.plusSeconds(5)));
    }

    @Test
    void markUsedWhenSeveralSentThenOnlyTheNewestIsUsable() {
        AccountId owner = newAccount();
        OneTimeCode first = code(owner, CodePurpose.LOGIN_SMS, T0);
        OneTimeCode second = code(owner, CodePurpose.LOGIN_SMS, T0.plus(RESEND));
        OneTimeCode newest = code(owner, CodePurpose.LOGIN_SMS, T0.plus(RESEND.multipliedBy(2)));
        codes.issue(first);
        codes.issue(second);
        codes.issue(newest);
        Instant now = T0.plus(RESEND.multipliedBy(3));

        assertThat(codes.markUsed(first.id(), now)).isFalse();
        assertThat(codes.markUsed(second.id(), now)).isFalse();
        assertThat(codes.markUsed(newest.id(), now)).isTrue();

        assertThat(codes.recent(owner, CodePurpose.LOGIN_SMS, 10)).extracting(OneTimeCode::usedAt)
                .containsExactly(now, null, null);
    }

    @Test
    void markUsedWhenNewerCodeIssuedAfterwardsThenOldOneRefused() {
        AccountId owner = newAccount();
        OneTimeCode old = code(owner, CodePurpose.VERIFY_PHONE, T0);
        codes.issue(old);
        assertThat(codes.recent(owner, CodePurpose.VERIFY_PHONE, 1).getFirst().isUsable(T0.plusSeconds(1))).isTrue();

        codes.issue(code(owner, CodePurpose.VERIFY_PHONE, T0.plus(RESEND)));

        assertThat(codes.markUsed(old.id(), T0.plus(RESEND).plusSeconds(1))).isFalse();
    }

    @Test
    void markUsedWhenExpiredThenFalse() {
        AccountId owner = newAccount();
        OneTimeCode code = code(owner, CodePurpose.LOGIN_SMS, T0);
        codes.issue(code);

        assertThat(codes.markUsed(code.id(), code.expiresAt())).as("at the expiry instant").isFalse();
        assertThat(codes.markUsed(code.id(), code.expiresAt().plusSeconds(60))).isFalse();

        assertThat(codes.recent(owner, CodePurpose.LOGIN_SMS, 1)).containsExactly(code);
    }

    @Test
    void markUsedWhenOneMicrosecondBeforeExpiryThenTrue() {
        AccountId owner = newAccount();
        OneTimeCode code = code(owner, CodePurpose.LOGIN_SMS, T0);
        codes.issue(code);

        assertThat(codes.markUsed(code.id(), code.expiresAt().minus(MICRO))).isTrue();
    }

    @Test
    void markUsedWhenUnknownThenFalse() {
        codes.issue(code(newAccount(), CodePurpose.LOGIN_SMS, T0));

        assertThat(codes.markUsed(UUID.randomUUID(), T0.plusSeconds(1))).isFalse();
    }

    @Test
    void recentWhenMoreThanLimitThenNewestFirstUpToLimit() {
        AccountId owner = newAccount();
        List<OneTimeCode> issued = List.of(
                code(owner, CodePurpose.LOGIN_SMS, T0),
                code(owner, CodePurpose.LOGIN_SMS, T0.plus(MICRO)),
                code(owner, CodePurpose.LOGIN_SMS, T0.plusSeconds(30)),
                code(owner, CodePurpose.LOGIN_SMS, T0.plusSeconds(60)));
        issued.forEach(codes::issue);

        assertThat(codes.recent(owner, CodePurpose.LOGIN_SMS, 3)).extracting(OneTimeCode::id)
                .containsExactly(issued.get(3).id(), issued.get(2).id(), issued.get(1).id());
        assertThat(codes.recent(owner, CodePurpose.LOGIN_SMS, 1)).extracting(OneTimeCode::id)
                .containsExactly(issued.get(3).id());
        assertThat(codes.recent(owner, CodePurpose.LOGIN_SMS, 10)).hasSize(4);
    }

    @Test
    void issueWhenNewCodeCreatedEarlierThanCurrentThenCurrentIsStillSuperseded() {
        AccountId owner = newAccount();
        OneTimeCode current = code(owner, CodePurpose.VERIFY_EMAIL, T0.plusSeconds(2));
        OneTimeCode next = code(owner, CodePurpose.VERIFY_EMAIL, T0);
        codes.issue(current);

        // Sent last by a node whose clock is behind: the code issued last is the one valid, whatever its time.
        codes.issue(next);

        assertThat(codes.recent(owner, CodePurpose.VERIFY_EMAIL, 10))
                .containsExactly(superseded(current, next.createdAt()), next);
        assertThat(codes.markUsed(current.id(), T0.plusSeconds(3))).isFalse();
        assertThat(codes.markUsed(next.id(), T0.plusSeconds(3))).isTrue();
    }

    @Test
    void recentWhenSameCreationTimeThenTheCurrentCodeComesFirst() {
        AccountId owner = newAccount();
        OneTimeCode first = code(owner, CodePurpose.LOGIN_SMS, T0);
        OneTimeCode second = code(owner, CodePurpose.LOGIN_SMS, T0);
        codes.issue(first);

        codes.issue(second);

        assertThat(codes.recent(owner, CodePurpose.LOGIN_SMS, 1)).containsExactly(second);
        assertThat(codes.recent(owner, CodePurpose.LOGIN_SMS, 2)).containsExactly(second, superseded(first, T0));
    }

    @Test
    void recentWhenOtherPurposeOrAccountThenNotListed() {
        AccountId owner = newAccount();
        AccountId other = newAccount();
        OneTimeCode mine = code(owner, CodePurpose.LOGIN_SMS, T0);
        codes.issue(mine);
        codes.issue(code(owner, CodePurpose.VERIFY_PHONE, T0.plusSeconds(1)));
        codes.issue(code(other, CodePurpose.LOGIN_SMS, T0.plusSeconds(2)));

        assertThat(codes.recent(owner, CodePurpose.LOGIN_SMS, 10)).containsExactly(mine);
        assertThat(codes.recent(owner, CodePurpose.VERIFY_EMAIL, 10)).isEmpty();
    }

    @Test
    void recentWhenLimitZeroThenEmpty() {
        AccountId owner = newAccount();
        codes.issue(code(owner, CodePurpose.LOGIN_SMS, T0));

        assertThat(codes.recent(owner, CodePurpose.LOGIN_SMS, 0)).isEmpty();
    }

    @Test
    void recentWhenLimitNegativeThenIllegalArgument() {
        AccountId owner = newAccount();

        assertThatIllegalArgumentException().isThrownBy(() -> codes.recent(owner, CodePurpose.LOGIN_SMS, -1));
    }

    @Test
    void deleteExpiredBeforeWhenSomeExpiredThenDeletesOnlyThoseAndCountsThem() {
        AccountId owner = newAccount();
        AccountId other = newAccount();
        // LOGIN_SMS lives 10 minutes and VERIFY_EMAIL 30: at T0 + 20 min only the login codes have expired.
        OneTimeCode usedLogin = code(owner, CodePurpose.LOGIN_SMS, T0);
        OneTimeCode othersLogin = code(other, CodePurpose.LOGIN_SMS, T0);
        OneTimeCode email = code(owner, CodePurpose.VERIFY_EMAIL, T0);
        OneTimeCode justAtBound = code(owner, CodePurpose.VERIFY_PHONE, T0.plusSeconds(600));
        codes.issue(usedLogin);
        codes.issue(othersLogin);
        codes.issue(email);
        codes.issue(justAtBound);
        codes.markUsed(usedLogin.id(), T0.plusSeconds(1));
        Instant before = T0.plus(Duration.ofMinutes(20));

        assertThat(codes.deleteExpiredBefore(before)).isEqualTo(2);

        assertThat(codes.recent(owner, CodePurpose.LOGIN_SMS, 10)).isEmpty();
        assertThat(codes.recent(other, CodePurpose.LOGIN_SMS, 10)).isEmpty();
        assertThat(codes.recent(owner, CodePurpose.VERIFY_EMAIL, 10)).containsExactly(email);
        assertThat(codes.recent(owner, CodePurpose.VERIFY_PHONE, 10)).as("expires exactly at the bound")
                .containsExactly(justAtBound);
        assertThat(codes.deleteExpiredBefore(before)).isZero();
    }

    private AccountId newAccount() {
        Account account = account().build();
        accounts.create(account);
        return account.id();
    }

    private static OneTimeCode code(AccountId owner, CodePurpose purpose, Instant createdAt) {
        return new OneTimeCode(UUID.randomUUID(), owner, purpose, FLOW, digest("k1"), createdAt,
                createdAt.plus(purpose.lifetime()), null, null);
    }

    /** A digest unique to this call: 16 bytes of salt, 32 of digest. */
    private static KeyedDigest digest(String keyId) {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        byte[] salt = ByteBuffer.allocate(16).putLong(a.getMostSignificantBits()).putLong(a.getLeastSignificantBits())
                .array();
        byte[] digest = ByteBuffer.allocate(32).putLong(b.getMostSignificantBits()).putLong(b.getLeastSignificantBits())
                .putLong(a.getLeastSignificantBits()).putLong(b.getMostSignificantBits()).array();
        return new KeyedDigest(keyId, salt, digest);
    }

    private static OneTimeCode superseded(OneTimeCode c, Instant at) {
        return new OneTimeCode(c.id(), c.accountId(), c.purpose(), c.binding(), c.digest(), c.createdAt(),
                c.expiresAt(), c.usedAt(), at);
    }

    private static OneTimeCode used(OneTimeCode c, Instant at) {
        return new OneTimeCode(c.id(), c.accountId(), c.purpose(), c.binding(), c.digest(), c.createdAt(),
                c.expiresAt(), at, c.supersededAt());
    }
}
