package dev.aikagi.core.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.crypto.CodeDigester;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.crypto.TestSecrets;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.RejectReason;
import dev.aikagi.core.factor.Verification;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OneTimeCodesTest {

    private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
    private static final AccountId ACCOUNT = new AccountId(UUID.fromString("00000000-0000-0000-0000-0000000000a1"));
    private static final String FLOW = "flow-1";

    private final SecretGenerator generator = TestSecrets.generator(7);
    private final InMemoryOneTimeCodeRepository repository = new InMemoryOneTimeCodeRepository();
    private final OneTimeCodes codes = new OneTimeCodes(repository,
            new CodeDigester(TestSecrets.keyRing("p1"), generator), generator);

    @Test
    void issueReturnsSixDigitsAndStoresOnlyADigest() {
        String code = codes.issue(ACCOUNT, CodePurpose.LOGIN_SMS, FLOW, T0);

        assertThat(code).matches("[0-9]{6}");
        OneTimeCode stored = repository.recent(ACCOUNT, CodePurpose.LOGIN_SMS, 1).getFirst();
        assertThat(stored.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
        assertThat(stored.toString()).doesNotContain(code);
        assertThat(new String(stored.digest().digest(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(code);
    }

    @Test
    void issuedCodesAreRandom() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            seen.add(codes.issue(ACCOUNT, CodePurpose.LOGIN_SMS, FLOW, T0));
        }
        assertThat(seen).hasSizeGreaterThan(190);
    }

    @Test
    void verifyWhenRightCodeThenAcceptedOnce() {
        String code = codes.issue(ACCOUNT, CodePurpose.LOGIN_SMS, FLOW, T0);

        Verification first = codes.verify(ACCOUNT, CodePurpose.LOGIN_SMS, FLOW, code, FactorKind.SMS, T0.plusSeconds(5));
        Verification again = codes.verify(ACCOUNT, CodePurpose.LOGIN_SMS, FLOW, code, FactorKind.SMS, T0.plusSeconds(6));

        assertThat(first).isEqualTo(Verification.Accepted.of(FactorKind.SMS));
        assertThat(again).isEqualTo(Verification.Rejected.of(RejectReason.ALREADY_USED));
    }

    @ParameterizedTest
    @ValueSource(strings = {" %s ", "%s", "FULLWIDTH", "SPACED"})
    void verifyAcceptsForgivingInput(String shape) {
        String code = codes.issue(ACCOUNT, CodePurpose.LOGIN_SMS, FLOW, T0);
        String typed = switch (shape) {
            case "FULLWIDTH" -> code.chars().mapToObj(c -> String.valueOf((char) (c - '0' + '０')))
                    .reduce("", String::concat);
            case "SPACED" -> code.substring(0, 3) + "-" + code.substring(3);
            default -> shape.formatted(code);
        };

        assertThat(codes.verify(ACCOUNT, CodePurpose.LOGIN_SMS, FLOW, typed, FactorKind.SMS, T0).isAccepted()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12345", "1234567", "12a456", "123456789012345678901234567890123"})
    void verifyWhenMalformedThenMalformedInput(String typed) {
        codes.issue(ACCOUNT, CodePurpose.LOGIN_SMS, FLOW, T0);

        assertThat(codes.verify(ACCOUNT, CodePurpose.LOGIN_SMS, FLOW, typed, FactorKind.SMS, T0))
                .isEqualTo(Verification.Rejected.of(RejectReason.MALFORMED_INPUT));
    }

    @Test
    void verifyWhenWrongCodeThenWrongCode() {
        String code = codes.issue(ACCOUNT, CodePurpose.LOGIN_SMS, FLOW, T0);
        String wrong = code.equals("000000") ? "000001" : "000000";

        assertThat(codes.verify(ACCOUNT, CodePurpose.LOGIN_SMS, FLOW, wrong, FactorKind.SMS, T0))
                .isEqualTo(Verification.Rejected.of(RejectReason.WRONG_CODE));
    }

    @Test
    void verifyWhenCodeBelongsToAnotherFlowThenWrongCode() {
        String code = codes.issue(ACCOUNT, CodePurpose.LOGIN_SMS, FLOW, T0);

        assertThat(codes.verify(ACCOUNT, CodePurpose.LOGIN_SMS, "flow-2", code, FactorKind.SMS, T0))
                .isEqualTo(Verification.Rejected.of(RejectReason.WRONG_CODE));
    }

    @Test
    void verifyWhenCodeOfAnotherPurposeOrAccountThenWrongCode() {
        String code = codes.issue(ACCOUNT, CodePurpose.VERIFY_PHONE, "+819012345678", T0);
        AccountId other = new AccountId(UUID.fromString("00000000-0000-0000-0000-0000000000b2"));

        assertThat(codes.verify(ACCOUNT, CodePurpose.LOGIN_SMS, "+819012345678", code, FactorKind.SMS, T0))
                .isEqualTo(Verification.Rejected.of(RejectReason.WRONG_CODE));
        assertThat(codes.verify(other, CodePurpose.VERIFY_PHONE, "+819012345678", code, FactorKind.SMS, T0))
                .isEqualTo(Verification.Rejected.of(RejectReason.WRONG_CODE));
    }

    @Test
    void verifyWhenTenMinutesPassedThenExpired() {
        String code = codes.issue(ACCOUNT, CodePurpose.LOGIN_SMS, FLOW, T0);

        assertThat(codes.verify(ACCOUNT, CodePurpose.LOGIN_SMS, FLOW, code, FactorKind.SMS,
                T0.plus(Duration.ofMinutes(10)))).isEqualTo(Verification.Rejected.of(RejectReason.EXPIRED));
        assertThat(codes.verify(ACCOUNT, CodePurpose.LOGIN_SMS, FLOW, code, FactorKind.SMS,
                T0.plus(Duration.ofMinutes(10)).minusMillis(1)).isAccepted()).isTrue();
    }

    @Test
    void documentedRuleOnlyTheNewestCodeIsValid() {
        String older = codes.issue(ACCOUNT, CodePurpose.LOGIN_SMS, FLOW, T0);
        String newer = codes.issue(ACCOUNT, CodePurpose.LOGIN_SMS, FLOW, T0.plusSeconds(30));
        // A collision of two random 6-digit codes would make the test meaningless.
        org.junit.jupiter.api.Assumptions.assumeFalse(older.equals(newer));

        assertThat(codes.verify(ACCOUNT, CodePurpose.LOGIN_SMS, FLOW, older, FactorKind.SMS, T0.plusSeconds(31)))
                .isEqualTo(Verification.Rejected.of(RejectReason.SUPERSEDED));
        assertThat(codes.verify(ACCOUNT, CodePurpose.LOGIN_SMS, FLOW, newer, FactorKind.SMS, T0.plusSeconds(32))
                .isAccepted()).isTrue();
    }

    @Test
    void pendingBindingIsTheNewestUsableCodesBinding() {
        codes.issue(ACCOUNT, CodePurpose.VERIFY_PHONE, "+819011111111", T0);
        codes.issue(ACCOUNT, CodePurpose.VERIFY_PHONE, "+819022222222", T0.plusSeconds(40));

        assertThat(codes.pendingBinding(ACCOUNT, CodePurpose.VERIFY_PHONE, T0.plusSeconds(41)))
                .contains("+819022222222");
        assertThat(codes.pendingBinding(ACCOUNT, CodePurpose.VERIFY_PHONE, T0.plus(Duration.ofMinutes(11))))
                .isEmpty();
        assertThat(codes.latestBinding(ACCOUNT, CodePurpose.VERIFY_PHONE)).contains("+819022222222");
        assertThat(codes.pendingBinding(ACCOUNT, CodePurpose.VERIFY_EMAIL, T0)).isEmpty();
    }
}
