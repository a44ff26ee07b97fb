package dev.aikagi.server.twostep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aikagi.core.contact.ContactChannel;
import dev.aikagi.core.contact.ContactChannelRepository;
import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.session.Sessions;
import dev.aikagi.core.settings.ContactSettings;
import dev.aikagi.core.settings.TwoStepSettings;
import dev.aikagi.core.settings.TwoStepStatus;
import dev.aikagi.server.FailingWrites;
import dev.aikagi.server.testing.ApiJourneys;
import dev.aikagi.server.testing.ApiTestSupport;
import dev.aikagi.server.testing.Outbox;
import dev.aikagi.testkit.Authenticator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A change of two-step settings and its audit record (which is what tells the owner) are stored together or
 * not at all. Each test makes the audit record's write fail, as a crash just before it would, and checks that
 * nothing of the change stayed — then that the change goes through once the database takes it.
 */
class SettingsAtomicityTest extends ApiTestSupport {

    static final String PASSWORD = "ゆきだるまの朝ごはん";
    static final ClientAddress FROM = new ClientAddress("198.51.100.40");

    record SignedIn(String token) {
        /** The session as it is now (turning two-step verification on raises it to AAL2: issue 14). */
        Session session() {
            return server.bean(Sessions.class).find(token).orElseThrow();
        }
    }

    static SignedIn signUp(String username) {
        return new SignedIn(ApiJourneys.signUpAndLogIn(api, username));
    }

    /** Starts adding the authenticator app; returns its key. */
    static byte[] startTotp(SignedIn user) {
        return Authenticator.key(ApiJourneys.startTotp(api, user.token()));
    }

    static List<String> enableTwoStep(SignedIn user) {
        return ApiJourneys.enableTotp(api, user.token());
    }

    static TwoStepSettings settings() {
        return server.bean(TwoStepSettings.class);
    }

    static TwoStepStatus status(SignedIn user) {
        return settings().status(user.session().accountId());
    }

    @Test
    void disableWhenItsAuditRecordCannotBeWrittenThenAppAndCodesAllStayAndItCanBeDoneAgain() {
        SignedIn user = signUp("atomic_disable");
        List<String> codes = enableTwoStep(user);

        try (FailingWrites noRecord = FailingWrites.auditOf(server, "TWO_STEP_DISABLED")) {
            assertThatThrownBy(() -> settings().disable(user.session(), PASSWORD, FactorKind.BACKUP_CODE, codes.get(0), FROM))
                    .isInstanceOf(RuntimeException.class);
        }

        TwoStepStatus after = status(user);
        assertThat(after.enabled()).as("two-step verification is still on").isTrue();
        assertThat(after.totpEnrolled()).as("the authenticator app was not removed").isTrue();
        assertThat(after.backupCodesRemaining()).as("only the code given was used").isEqualTo(9);

        assertThat(settings().disable(user.session(), PASSWORD, FactorKind.BACKUP_CODE, codes.get(1), FROM).isDone()).isTrue();
        TwoStepStatus off = status(user);
        assertThat(off.enabled()).isFalse();
        assertThat(off.totpEnrolled()).isFalse();
        assertThat(off.backupCodesTotal()).isZero();
        assertThat(api.get("/api/v1/me/activity", user.token()).body()).contains("two_step_disabled");
    }

    @Test
    void newBackupCodesWhenTheirAuditRecordCannotBeWrittenThenTheOldSetStays() {
        SignedIn user = signUp("atomic_codes");
        enableTwoStep(user);
        TwoStepStatus before = status(user);

        try (FailingWrites noRecord = FailingWrites.auditOf(server, "BACKUP_CODES_CREATED")) {
            assertThatThrownBy(() -> settings().regenerateBackupCodes(user.session(), PASSWORD, FROM))
                    .isInstanceOf(RuntimeException.class);
        }

        assertThat(status(user).backupCodesCreatedAt()).as("the old set is still the current one")
                .isEqualTo(before.backupCodesCreatedAt());
        assertThat(settings().regenerateBackupCodes(user.session(), PASSWORD, FROM).doneValue().orElseThrow().codes()).hasSize(10);
        assertThat(status(user).backupCodesCreatedAt()).isNotEqualTo(before.backupCodesCreatedAt());
    }

    @Test
    void firstAuthenticatorWhenItsAuditRecordCannotBeWrittenThenTwoStepStaysOffWithoutCodesAndTheSameCodeWorksAfter() {
        SignedIn user = signUp("atomic_totp");
        byte[] key = startTotp(user);
        String code = Authenticator.codeAt(key, Instant.now());

        try (FailingWrites noRecord = FailingWrites.auditOf(server, "TOTP_ENROLLED")) {
            assertThatThrownBy(() -> settings().confirmTotp(user.session(), code, FROM))
                    .isInstanceOf(RuntimeException.class);
        }

        TwoStepStatus after = status(user);
        assertThat(after.enabled()).isFalse();
        assertThat(after.totpEnrolled()).isFalse();
        assertThat(after.backupCodesTotal()).as("no backup codes were issued").isZero();

        // The code's time step was not marked used either, so the same code confirms now.
        assertThat(settings().confirmTotp(user.session(), code, FROM).doneValue().orElseThrow().firstBackupCodes())
                .hasValueSatisfying(issued -> assertThat(issued.codes()).hasSize(10));
        assertThat(status(user).enabled()).isTrue();
    }

    @Test
    void removeMethodWhenItsAuditRecordCannotBeWrittenThenTheAppStays() {
        SignedIn user = signUp("atomic_remove");
        enableTwoStep(user);
        // The app may only be removed while another method (SMS login) stays.
        String phone = "+819011112222";
        assertThat(api.post("/api/v1/me/phone", Map.of("phoneNumber", phone), user.token()).status()).isEqualTo(202);
        assertThat(api.post("/api/v1/me/phone/confirm", Map.of("code", new Outbox(api).latestCode(phone)), user.token())
                .status()).isEqualTo(200);

        try (FailingWrites noRecord = FailingWrites.auditOf(server, "TOTP_REMOVED")) {
            assertThatThrownBy(() -> settings().removeMethod(user.session(), FactorKind.TOTP, PASSWORD, FROM))
                    .isInstanceOf(RuntimeException.class);
        }

        assertThat(status(user).totpEnrolled()).as("the app was not removed").isTrue();
        assertThat(settings().removeMethod(user.session(), FactorKind.TOTP, PASSWORD, FROM).isDone()).isTrue();
        TwoStepStatus after = status(user);
        assertThat(after.totpEnrolled()).isFalse();
        assertThat(after.smsEnrolled()).isTrue();
    }

    @Test
    void emailChangeWhenItsAuditRecordCannotBeWrittenThenTheOldAddressStaysAndNoNoticeGoesOut() {
        SignedIn user = signUp("atomic_email");
        Outbox outbox = new Outbox(api);
        // An address verified earlier (written directly: a second code within the send cool-down would wait).
        server.bean(ContactChannelRepository.class).save(new ContactChannel(user.session().accountId(), Channel.EMAIL,
                "old@example.test", "en", false, Instant.now()));
        assertThat(api.post("/api/v1/me/email", Map.of("email", "new@example.test"), user.token()).status()).isEqualTo(202);
        String code = outbox.latestCode("new@example.test");

        try (FailingWrites noRecord = FailingWrites.auditOf(server, "EMAIL_VERIFIED")) {
            assertThatThrownBy(() -> server.bean(ContactSettings.class).confirmEmail(user.session(), code, "en", FROM))
                    .isInstanceOf(RuntimeException.class);
        }

        assertThat(email(user)).as("the account's email did not change").isEqualTo("old@example.test");
        assertThat(outbox.find("old@example.test", "email address was set")).as("nor was its owner told so").isEmpty();
        // (The code was used up by the check, which commits on its own: the person asks for a new one.)
    }

    @Test
    void firstPhoneWhenItsAuditRecordCannotBeWrittenThenNoSmsLoginAndNoCodes() {
        SignedIn user = signUp("atomic_phone");
        String phone = "+819011113333";
        assertThat(api.post("/api/v1/me/phone", Map.of("phoneNumber", phone), user.token()).status()).isEqualTo(202);
        String code = new Outbox(api).latestCode(phone);

        try (FailingWrites noRecord = FailingWrites.auditOf(server, "PHONE_VERIFIED")) {
            assertThatThrownBy(() -> server.bean(ContactSettings.class).confirmPhone(user.session(), code, "en", FROM))
                    .isInstanceOf(RuntimeException.class);
        }

        TwoStepStatus after = status(user);
        assertThat(after.smsEnrolled()).isFalse();
        assertThat(after.enabled()).isFalse();
        assertThat(after.backupCodesTotal()).isZero();
    }

    static String email(SignedIn user) {
        return server.bean(ContactSettings.class).channels(user.session().accountId()).stream()
                .filter(c -> c.kind() == Channel.EMAIL).findFirst().orElseThrow().address();
    }
}
