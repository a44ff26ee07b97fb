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
    void beginWhenReEnrollingThenOldFactorWorksUntilNewOneConfirmed() {
        byte[] oldKey = enrol();
        Instant later = NOW.plus(Duration.ofMinutes(10));
        TotpEnrollment next = totp.begin(account, "taro", later);

        assertThat(totp.verify(account, Totp.codeAt(oldKey, later, TotpParameters.DEFAULT), later).isAccepted()).isTrue();
        byte[] newKey = Base32.decode(next.base32Secret()).orElseThrow();
        Instant confirmAt = later.plusSeconds(60);
        assertThat(totp.confirm(account, Totp.codeAt(newKey, confirmAt, TotpParameters.DEFAULT), confirmAt).isAccepted()).isTrue();
        Instant after = confirmAt.plusSeconds(60);
        assertThat(totp.verify(account, Totp.codeAt(oldKey, after, TotpParameters.DEFAULT), after).isAccepted()).isFalse();
        assertThat(totp.verify(account, Totp.codeAt(newKey, after, TotpParameters.DEFAULT), after).isAccepted()).isTrue();
    }
}
