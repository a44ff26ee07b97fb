package dev.aikagi.core.factor.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.crypto.CodeDigester;
import dev.aikagi.core.crypto.SecretCipher;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.crypto.TestSecrets;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.RejectReason;
import dev.aikagi.core.factor.Verification;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BackupCodesTest {

    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");
    private final AccountId account = new AccountId(UUID.fromString("00000000-0000-4000-8000-0000000000aa"));
    private final SecretGenerator generator = TestSecrets.generator(7);
    private final InMemoryBackupCodeRepository repository = new InMemoryBackupCodeRepository();
    private final CodeDigester digester = new CodeDigester(TestSecrets.keyRing("p1"), generator);
    private final SecretCipher cipher = new SecretCipher(TestSecrets.keyRing("e1"), generator);

    private BackupCodes codes(BackupCodePolicy policy) {
        return new BackupCodes(repository, digester, cipher, generator, policy);
    }

    @Test
    void issueWhenDefaultPolicyThenTenDistinctEightDigitCodes() {
        IssuedBackupCodes issued = codes(BackupCodePolicy.DEFAULT).issue(account, NOW);

        assertThat(issued.codes()).hasSize(10).allMatch(c -> c.matches("[0-9]{8}"));
        assertThat(new HashSet<>(issued.codes())).hasSize(10);
        assertThat(issued.displayed()).allMatch(c -> c.matches("[0-9]{4} [0-9]{4}"));
        assertThat(issued.createdAt()).isEqualTo(NOW);
    }

    @Test
    void issueWhenStoredThenNoCodeInPlainTextAnywhere() {
        IssuedBackupCodes issued = codes(BackupCodePolicy.DEFAULT).issue(account, NOW);

        BackupCodeSet stored = repository.findCurrent(account).orElseThrow();
        String everything = stored.codes().stream()
                .map(c -> c.sealed() + new String(c.digest().digest(), java.nio.charset.StandardCharsets.ISO_8859_1)
                        + java.util.Base64.getEncoder().encodeToString(c.digest().digest()))
                .reduce("", String::concat);
        for (String code : issued.codes()) {
            assertThat(everything).doesNotContain(code);
        }
        assertThat(stored.codes()).allMatch(c -> c.sealed() != null && c.digest().keyId().equals("p1"));
    }

    @Test
    void issueWhenShowOnceThenOnlyDigestsStoredAndViewHasNoCodes() {
        BackupCodes showOnce = codes(new BackupCodePolicy(6, true));
        showOnce.issue(account, NOW);

        assertThat(repository.findCurrent(account).orElseThrow().codes()).hasSize(6).allMatch(c -> c.sealed() == null);
        BackupCodeView view = showOnce.view(account, true).orElseThrow();
        assertThat(view.revealable()).isFalse();
        assertThat(view.entries()).allMatch(e -> e.code().isEmpty());
    }

    @Test
    void viewWhenRevealableThenShowsSameCodesAndWhichAreUsed() {
        BackupCodes backup = codes(BackupCodePolicy.DEFAULT);
        IssuedBackupCodes issued = backup.issue(account, NOW);
        backup.verify(account, issued.codes().get(3), NOW.plusSeconds(60));

        BackupCodeView view = backup.view(account, true).orElseThrow();

        assertThat(view.entries()).extracting(e -> e.code().orElseThrow()).containsExactlyElementsOf(issued.displayed());
        assertThat(view.entries().get(3).usedAt()).contains(NOW.plusSeconds(60));
        assertThat(view.remaining()).isEqualTo(9);
        assertThat(backup.view(account, false).orElseThrow().entries()).allMatch(e -> e.code().isEmpty());
    }

    @Test
    void verifyWhenRightCodeThenAcceptedOnceWithRemainingCount() {
        BackupCodes backup = codes(BackupCodePolicy.DEFAULT);
        IssuedBackupCodes issued = backup.issue(account, NOW);

        Verification first = backup.verify(account, issued.codes().get(0), NOW);
        Verification second = backup.verify(account, issued.codes().get(0), NOW);

        assertThat(first).isEqualTo(new Verification.Accepted(FactorKind.BACKUP_CODE, OptionalInt.of(9)));
        assertThat(second).isEqualTo(Verification.Rejected.of(RejectReason.ALREADY_USED));
    }

    @Test
    void verifyWhenTypedForgivinglyThenAccepted() {
        BackupCodes backup = codes(BackupCodePolicy.DEFAULT);
        List<String> issued = backup.issue(account, NOW).codes();
        String code = issued.get(1);
        String fullWidth = issued.get(3).chars().mapToObj(c -> String.valueOf((char) (c - '0' + '０'))).reduce("", String::concat);

        assertThat(backup.verify(account, code.substring(0, 4) + "-" + code.substring(4), NOW).isAccepted()).isTrue();
        assertThat(backup.verify(account, fullWidth.substring(0, 4) + "\u3000" + fullWidth.substring(4), NOW).isAccepted()).isTrue();
        assertThat(backup.verify(account, " " + issued.get(2).substring(0, 4) + " " + issued.get(2).substring(4) + " ", NOW).isAccepted()).isTrue();
    }

    @Test
    void verifyWhenWrongOrMalformedThenSaysWhich() {
        BackupCodes backup = codes(BackupCodePolicy.DEFAULT);
        List<String> issued = backup.issue(account, NOW).codes();
        String wrong = issued.contains("00000000") ? "00000001" : "00000000";

        assertThat(backup.verify(account, wrong, NOW)).isEqualTo(Verification.Rejected.of(RejectReason.WRONG_CODE));
        assertThat(backup.verify(account, "1234abcd", NOW)).isEqualTo(Verification.Rejected.of(RejectReason.MALFORMED_INPUT));
        assertThat(backup.verify(account, "1234567", NOW)).isEqualTo(Verification.Rejected.of(RejectReason.MALFORMED_INPUT));
        assertThat(backup.verify(account, null, NOW)).isEqualTo(Verification.Rejected.of(RejectReason.MALFORMED_INPUT));
    }

    @Test
    void verifyWhenCodeFromReplacedSetThenSaysReplaced() {
        BackupCodes backup = codes(BackupCodePolicy.DEFAULT);
        List<String> old = backup.issue(account, NOW).codes();
        List<String> fresh = backup.issue(account, NOW.plusSeconds(1)).codes();

        assertThat(backup.verify(account, old.get(0), NOW.plusSeconds(2)))
                .isEqualTo(Verification.Rejected.of(RejectReason.REPLACED_SET));
        assertThat(backup.verify(account, fresh.get(0), NOW.plusSeconds(2)).isAccepted()).isTrue();
        assertThat(backup.remaining(account)).isEqualTo(9);
    }

    @Test
    void verifyWhenNoSetThenNoCodes() {
        assertThat(codes(BackupCodePolicy.DEFAULT).verify(account, "12345678", NOW))
                .isEqualTo(Verification.Rejected.of(RejectReason.NO_CODES));
    }

    @Test
    void verifyWhenEveryCodeUsedThenRemainingReachesZero() {
        BackupCodes backup = codes(new BackupCodePolicy(4, false));
        List<String> issued = backup.issue(account, NOW).codes();
        Verification last = null;
        for (String code : issued) {
            last = backup.verify(account, code, NOW);
        }
        assertThat(last).isEqualTo(new Verification.Accepted(FactorKind.BACKUP_CODE, OptionalInt.of(0)));
        assertThat(backup.verify(account, issued.get(0), NOW)).isEqualTo(Verification.Rejected.of(RejectReason.ALREADY_USED));
    }

    @Test
    void verifyWhenPepperRotatedThenOldCodesStillWork() {
        List<String> issued = codes(BackupCodePolicy.DEFAULT).issue(account, NOW).codes();
        var rotated = TestSecrets.keyRing("p2", "p1");
        BackupCodes afterRotation = new BackupCodes(repository, new CodeDigester(rotated, generator), cipher, generator,
                BackupCodePolicy.DEFAULT);

        assertThat(afterRotation.verify(account, issued.get(0), NOW).isAccepted()).isTrue();
    }

    @Test
    void policyWhenSetSizeOutOfRangeThenRefused() {
        assertThatThrownBy(() -> new BackupCodePolicy(3, false)).hasMessage("backup code set size must be 4-16, was 3");
        assertThatThrownBy(() -> new BackupCodePolicy(17, false)).hasMessage("backup code set size must be 4-16, was 17");
        assertThat(new BackupCodePolicy(16, false).setSize()).isEqualTo(16);
    }

    @Test
    void constructorWhenDependencyMissingThenNamesIt() {
        assertThatThrownBy(() -> new BackupCodes(null, digester, cipher, generator, BackupCodePolicy.DEFAULT))
                .isInstanceOf(NullPointerException.class).hasMessage("repository");
        assertThatThrownBy(() -> new BackupCodes(repository, digester, cipher, generator, null))
                .isInstanceOf(NullPointerException.class).hasMessage("policy");
    }
}
