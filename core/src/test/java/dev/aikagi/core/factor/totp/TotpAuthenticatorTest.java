package dev.aikagi.core.factor.totp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.crypto.SecretCipher;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.crypto.TestSecrets;
import dev.aikagi.core.factor.RejectReason;
import dev.aikagi.core.factor.Verification;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TotpAuthenticatorTest {

    private static final Instant NOW = Instant.parse("2026-11-25T09:00:10Z");
    private final AccountId account = new AccountId(UUID.fromString("00000000-0000-4000-8000-0000000000bb"));
    private final SecretGenerator generator = TestSecrets.generator(11);
    private final InMemoryTotpFactorRepository repository = new InMemoryTotpFactorRepository();
    private final SecretCipher cipher = new SecretCipher(TestSecrets.keyRing("e1"), generator);
    private final TotpAuthenticator totp = new TotpAuthenticator(repository, cipher, generator, TotpParameters.DEFAULT, "Aikagi");

    private byte[] enrol() {
        TotpEnrollment enrollment = totp.begin(account, "taro@example.jp", NOW);
        byte[] key = Base32.decode(enrollment.base32Secret()).orElseThrow();
        assertThat(totp.confirm(account, Totp.codeAt(key, NOW, TotpParameters.DEFAULT), NOW).isAccepted()).isTrue();
        return key;
    }

    @Test
    void beginWhenCalledThen160BitKeyAndKeyUriAndSecretSealedAtRest() {
        TotpEnrollment enrollment = totp.begin(account, "taro@example.jp", NOW);

        assertThat(Base32.decode(enrollment.base32Secret()).orElseThrow()).hasSize(20);
        assertThat(enrollment.keyUri()).isEqualTo("otpauth://totp/Aikagi:taro%40example.jp?secret="
                + enrollment.base32Secret() + "&issuer=Aikagi&algorithm=SHA1&digits=6&period=30");
        TotpFactor pending = repository.findPending(account).orElseThrow();
        assertThat(pending.sealedSecret()).doesNotContain(enrollment.base32Secret()).startsWith("e1:");
        assertThat(totp.isEnrolled(account)).isFalse();
    }

    @Test
    void confirmWhenWrongCodeThenStillPending() {
        TotpEnrollment enrollment = totp.begin(account, "taro", NOW);
        byte[] key = Base32.decode(enrollment.base32Secret()).orElseThrow();
        String wrong = Totp.codeAt(key, NOW.plus(Duration.ofMinutes(5)), TotpParameters.DEFAULT);

        assertThat(totp.confirm(account, wrong, NOW)).isEqualTo(Verification.Rejected.of(RejectReason.WRONG_CODE));
        assertThat(totp.isEnrolled(account)).isFalse();
    }

    @Test
    void verifyWhenCodeOfCurrentOrAdjacentStepThenAccepted() {
        byte[] key = enrol();
        Instant later = NOW.plus(Duration.ofMinutes(10));

        assertThat(totp.verify(account, Totp.codeAt(key, later.minusSeconds(30), TotpParameters.DEFAULT), later).isAccepted()).isTrue();
        assertThat(totp.verify(account, Totp.codeAt(key, later, TotpParameters.DEFAULT), later).isAccepted()).isTrue();
        assertThat(totp.verify(account, Totp.codeAt(key, later.plusSeconds(30), TotpParameters.DEFAULT), later).isAccepted()).isTrue();
    }

    @Test
    void verifyWhenCodeTwoStepsAwayThenWrong() {
        byte[] key = enrol();
        Instant later = NOW.plus(Duration.ofMinutes(10));

        assertThat(totp.verify(account, Totp.codeAt(key, later.minusSeconds(60), TotpParameters.DEFAULT), later))
                .isEqualTo(Verification.Rejected.of(RejectReason.WRONG_CODE));
        assertThat(totp.verify(account, Totp.codeAt(key, later.plusSeconds(60), TotpParameters.DEFAULT), later))
                .isEqualTo(Verification.Rejected.of(RejectReason.WRONG_CODE));
    }

    @Test
    void verifyWhenSameCodeTwiceThenReplayRefused() {
        byte[] key = enrol();
        Instant later = NOW.plus(Duration.ofMinutes(10));
        String code = Totp.codeAt(key, later, TotpParameters.DEFAULT);

        assertThat(totp.verify(account, code, later).isAccepted()).isTrue();
        assertThat(totp.verify(account, code, later.plusSeconds(5))).isEqualTo(Verification.Rejected.of(RejectReason.ALREADY_USED));
    }

    @Test
    void verifyWhenOlderStepAfterNewerOneAcceptedThenRefused() {
        byte[] key = enrol();
        Instant later = NOW.plus(Duration.ofMinutes(10));

        assertThat(totp.verify(account, Totp.codeAt(key, later, TotpParameters.DEFAULT), later).isAccepted()).isTrue();
        assertThat(totp.verify(account, Totp.codeAt(key, later.minusSeconds(30), TotpParameters.DEFAULT), later))
                .isEqualTo(Verification.Rejected.of(RejectReason.ALREADY_USED));
    }

    @Test
    void verifyWhenConfirmationCodeReusedForLoginThenRefused() {
        TotpEnrollment enrollment = totp.begin(account, "taro", NOW);
        byte[] key = Base32.decode(enrollment.base32Secret()).orElseThrow();
        String code = Totp.codeAt(key, NOW, TotpParameters.DEFAULT);
        assertThat(totp.confirm(account, code, NOW).isAccepted()).isTrue();

        assertThat(totp.verify(account, code, NOW)).isEqualTo(Verification.Rejected.of(RejectReason.ALREADY_USED));
    }

    @Test
    void verifyWhenFullWidthOrSpacedThenNormalised() {
        byte[] key = enrol();
        Instant later = NOW.plus(Duration.ofMinutes(10));
        String code = Totp.codeAt(key, later, TotpParameters.DEFAULT);
        String fullWidth = code.chars().mapToObj(c -> String.valueOf((char) (c - '0' + '０'))).reduce("", String::concat);

        assertThat(totp.verify(account, fullWidth.substring(0, 3) + " " + fullWidth.substring(3), later).isAccepted()).isTrue();
    }

    @Test
    void verifyWhenMalformedOrNotEnrolledThenSaysSo() {
        assertThat(totp.verify(account, "123456", NOW)).isEqualTo(Verification.Rejected.of(RejectReason.NOT_ENROLLED));
        enrol();
        assertThat(totp.verify(account, "12345", NOW)).isEqualTo(Verification.Rejected.of(RejectReason.MALFORMED_INPUT));
        assertThat(totp.verify(account, "12a456", NOW)).isEqualTo(Verification.Rejected.of(RejectReason.MALFORMED_INPUT));
        assertThat(totp.verify(account, null, NOW)).isEqualTo(Verification.Rejected.of(RejectReason.MALFORMED_INPUT));
    }

    @Test
    void beginWhenAnotherAppThenOldOneStillWorksAfterTheNewOneIsConfirmed() {
        byte[] oldKey = enrol();
        Instant later = NOW.plus(Duration.ofMinutes(10));
        TotpEnrollment next = totp.begin(account, "taro", later);

        assertThat(totp.verify(account, Totp.codeAt(oldKey, later, TotpParameters.DEFAULT), later).isAccepted()).isTrue();
        byte[] newKey = Base32.decode(next.base32Secret()).orElseThrow();
        Instant confirmAt = later.plusSeconds(60);
        assertThat(totp.confirm(account, Totp.codeAt(newKey, confirmAt, TotpParameters.DEFAULT), confirmAt).isAccepted()).isTrue();
        Instant after = confirmAt.plusSeconds(60);
        assertThat(totp.verify(account, Totp.codeAt(oldKey, after, TotpParameters.DEFAULT), after).isAccepted()).isTrue();
        Instant next30 = after.plusSeconds(30);
        assertThat(totp.verify(account, Totp.codeAt(newKey, next30, TotpParameters.DEFAULT), next30).isAccepted()).isTrue();
        assertThat(totp.apps(account)).hasSize(2);
    }

    @Test
    void verifyWhenSeveralAppsThenEachKeepsItsOwnReplayProtectionAndLastUse() {
        byte[] first = enrol();
        Instant t1 = NOW.plusSeconds(120);
        TotpEnrollment second = totp.begin(account, "taro", "work phone", t1);
        byte[] secondKey = Base32.decode(second.base32Secret()).orElseThrow();
        assertThat(totp.confirm(account, Totp.codeAt(secondKey, t1, TotpParameters.DEFAULT), t1).isAccepted()).isTrue();
        Instant t2 = t1.plusSeconds(60);
        String secondCode = Totp.codeAt(secondKey, t2, TotpParameters.DEFAULT);

        assertThat(totp.verify(account, secondCode, t2).isAccepted()).isTrue();
        assertThat(totp.verify(account, secondCode, t2))
                .isEqualTo(Verification.Rejected.of(RejectReason.ALREADY_USED));
        // The first app's step t2 is unspent: its own last_step, not the second app's.
        assertThat(totp.verify(account, Totp.codeAt(first, t2, TotpParameters.DEFAULT), t2).isAccepted()).isTrue();
        assertThat(totp.apps(account)).extracting(AuthenticatorApp::name).containsExactly("", "work phone");
        assertThat(totp.apps(account)).allSatisfy(a -> assertThat(a.lastUsedAt()).contains(t2));
        assertThat(totp.verify(account, "000000".equals(secondCode) ? "111111" : "000000", t2.plusSeconds(30)))
                .isEqualTo(Verification.Rejected.of(RejectReason.WRONG_CODE));
    }

    @Test
    void pendingWhenEnrolmentWaitsThenSameKeyShownAgain() {
        assertThat(totp.pending(account, "taro")).isEmpty();
        TotpEnrollment started = totp.begin(account, "taro", "仕事用", NOW);

        TotpEnrollment again = totp.pending(account, "taro").orElseThrow();

        assertThat(again).isEqualTo(started);
        assertThat(totp.pendingName(account)).isEqualTo("仕事用");
        totp.renamePending(account, "home");
        assertThat(totp.pendingName(account)).isEqualTo("home");
    }

    @Test
    void removeOneWhenSeveralThenOnlyThatOneStops() {
        byte[] first = enrol();
        Instant t1 = NOW.plusSeconds(120);
        TotpEnrollment second = totp.begin(account, "taro", t1);
        byte[] secondKey = Base32.decode(second.base32Secret()).orElseThrow();
        totp.confirm(account, Totp.codeAt(secondKey, t1, TotpParameters.DEFAULT), t1);
        UUID firstId = totp.apps(account).get(0).id();

        assertThat(totp.remove(account, firstId)).isTrue();
        assertThat(totp.remove(account, firstId)).isFalse();

        Instant t2 = t1.plusSeconds(60);
        assertThat(totp.verify(account, Totp.codeAt(first, t2, TotpParameters.DEFAULT), t2).isAccepted()).isFalse();
        assertThat(totp.verify(account, Totp.codeAt(secondKey, t2, TotpParameters.DEFAULT), t2).isAccepted()).isTrue();
    }

    @Test
    void namesWhenNormalizedThenTrimmedCollapsedAndCapped() {
        assertThat(AuthenticatorNames.normalize(null)).contains("");
        assertThat(AuthenticatorNames.normalize("  work\tphone\u0000 ")).contains("work phone");
        assertThat(AuthenticatorNames.normalize("仕事用\u3000スマホ")).contains("仕事用 スマホ");
        assertThat(AuthenticatorNames.normalize("x".repeat(40))).contains("x".repeat(40));
        assertThat(AuthenticatorNames.normalize("x".repeat(41))).isEmpty();
    }
}
