package dev.aikagi.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.server.testing.ApiJourneys;
import dev.aikagi.server.testing.ApiTestSupport;
import dev.aikagi.server.testing.Outbox;
import dev.aikagi.testkit.ApiClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 4 through the JSON API: verify an email and a phone, log in with a code by SMS read from the
 * development outbox, "send again" limits, and the notice of a backup-code login.
 */
class ApiSmsJourneyTest extends ApiTestSupport {

    private static final String PASSWORD = "ゆきだるまの朝ごはん";

    private static String signUpAndLogin(String username) {
        return ApiJourneys.signUpAndLogIn(api, username);
    }

    private static List<String> addPhone(String token, String e164) {
        ApiClient.Reply sent = api.post("/api/v1/me/phone", Map.of("phoneNumber", e164), token);
        assertThat(sent.status()).isEqualTo(202);
        assertThat(sent.text("channel")).isEqualTo("sms");
        assertThat(sent.text("destination")).isEqualTo("•••• ••" + e164.substring(e164.length() - 2));
        ApiClient.Reply confirmed = api.post("/api/v1/me/phone/confirm", Map.of("code", outbox.latestCode(e164)), token);
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.json().get("smsLogin").asBoolean()).isTrue();
        List<String> codes = new ArrayList<>();
        JsonNode backup = confirmed.json().get("backupCodes");
        if (backup != null) {
            backup.get("codes").forEach(c -> codes.add(c.asString()));
        }
        return codes;
    }

    @Test
    void requestPhoneWhenAskedAgainWithinTheCoolDownThen429WithNextSendAtInTheReadersLanguage() {
        String token = signUpAndLogin("sms_again");
        ApiClient.Reply sent = api.post("/api/v1/me/phone", Map.of("phoneNumber", "+819012340077"), token);
        assertThat(sent.status()).isEqualTo(202);

        ApiClient.Reply again = api.post("/api/v1/me/phone", Map.of("phoneNumber", "+819012340077"), token);

        assertThat(again.status()).isEqualTo(429);
        assertThat(again.text("code")).isEqualTo("too_many_sends");
        assertThat(java.time.Instant.parse(again.text("nextSendAt")))
                .isCloseTo(java.time.Instant.parse(sent.text("nextSendAt")), org.assertj.core.api.Assertions.within(1,
                        java.time.temporal.ChronoUnit.SECONDS));
        assertThat(again.text("detail")).startsWith("A code was sent moments ago. You can ask for another in 0:");
        assertThat(again.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void emailAndPhoneAreVerifiedThenTheLoginCodeComesBySms() {
        String token = signUpAndLogin("sms_user");
        ApiClient.Reply emailSent = api.post("/api/v1/me/email", Map.of("email", "Sms.User@Example.JP"), token);
        assertThat(emailSent.status()).isEqualTo(202);
        assertThat(emailSent.text("destination")).isEqualTo("s•••@example.jp");
        Outbox.Item mail = outbox.to("sms.user@example.jp").getFirst();
        assertThat(mail.channel()).isEqualTo("email");
        assertThat(mail.subject()).isNotBlank();
        ApiClient.Reply emailConfirmed = api.post("/api/v1/me/email/confirm",
                Map.of("code", outbox.latestCode("sms.user@example.jp")), token);
        assertThat(emailConfirmed.status()).isEqualTo(200);

        List<String> backupCodes = addPhone(token, "+819012340001");
        assertThat(backupCodes).as("SMS turned two-step verification on").hasSize(10);
        JsonNode me = api.get("/api/v1/me", token).json();
        assertThat(me.get("twoStep").get("enabled").asBoolean()).isTrue();
        assertThat(me.get("twoStep").get("methods").toString()).contains("sms").contains("backup_code");
        assertThat(me.get("phone").get("destination").asString()).isEqualTo("•••• ••01");
        assertThat(me.toString()).doesNotContain("9012340001");

        ApiClient.Reply login = api.post("/api/v1/login", Map.of("username", "sms_user", "password", PASSWORD), null);
        assertThat(login.text("status")).isEqualTo("SECOND_FACTOR_REQUIRED");
        assertThat(login.text("defaultMethod")).isEqualTo("sms");
        assertThat(login.text("smsDestination")).isEqualTo("•••• ••01");
        String flowId = login.text("flowId");

        ApiClient.Reply sent = api.post("/api/v1/login/" + flowId + "/send-code", Map.of("method", "sms"), null);
        assertThat(sent.status()).isEqualTo(202);
        assertThat(sent.text("destination")).isEqualTo("•••• ••01");
        assertThat(sent.text("nextSendAt")).isNotBlank();
        ApiClient.Reply again = api.post("/api/v1/login/" + flowId + "/send-code", Map.of("method", "sms"), null);
        assertThat(again.status()).isEqualTo(429);
        assertThat(again.text("code")).isEqualTo("too_many_sends");
        assertThat(again.text("retryAt")).isNotBlank();
        // Issue 17: "send again" too soon says when, not "too many codes".
        assertThat(again.text("nextSendAt")).isEqualTo(again.text("retryAt"));
        assertThat(java.time.Instant.parse(again.text("nextSendAt")))
                .isCloseTo(java.time.Instant.parse(sent.text("nextSendAt")), org.assertj.core.api.Assertions.within(1,
                        java.time.temporal.ChronoUnit.SECONDS));
        assertThat(again.headers().firstValue("Retry-After")).isPresent();
        assertThat(again.text("detail")).contains("You can ask for another in 0:").doesNotContain("Too many");

        ApiClient.Reply wrong = api.post("/api/v1/login/" + flowId + "/verify",
                Map.of("method", "sms", "code", "12-34"), null);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.text("code")).isEqualTo("code_malformed");

        ApiClient.Reply in = api.post("/api/v1/login/" + flowId + "/verify",
                Map.of("method", "sms", "code", outbox.latestCode("+819012340001")), null);
        assertThat(in.status()).isEqualTo(200);
        assertThat(in.text("status")).isEqualTo("AUTHENTICATED");
        assertThat(in.json().get("amr").toString()).isEqualTo("[\"pwd\",\"sms\"]");

        // A backup-code login is told to the email and the phone, with the count left and a link.
        String flow2 = api.post("/api/v1/login", Map.of("username", "sms_user", "password", PASSWORD), null).text("flowId");
        ApiClient.Reply backup = api.post("/api/v1/login/" + flow2 + "/verify",
                Map.of("method", "backup_code", "code", backupCodes.get(0)), null);
        assertThat(backup.text("status")).isEqualTo("AUTHENTICATED");
        Outbox.Item notice = outbox.awaitMessage("sms.user@example.jp", "backup code");
        assertThat(notice.body()).contains("9").contains("/security/not-me?token=");
        assertThat(notice.body()).doesNotContain(backupCodes.get(0));
        outbox.awaitMessage("+819012340001", "backup code");
    }

    @Test
    void badPhoneNumbersAndCodesGetClearProblems() {
        String token = signUpAndLogin("sms_bad_input");
        ApiClient.Reply invalid = api.post("/api/v1/me/phone", Map.of("phoneNumber", "call me maybe"), token);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.text("code")).isEqualTo("phone_invalid");
        ApiClient.Reply landline = api.post("/api/v1/me/phone", Map.of("phoneNumber", "+81331234567"), token);
        assertThat(landline.status()).isEqualTo(400);
        assertThat(landline.text("code")).isEqualTo("phone_not_mobile");
        ApiClient.Reply missing = api.post("/api/v1/me/phone", "{}", token);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.text("code")).isEqualTo("missing_field");
        ApiClient.Reply nothingPending = api.post("/api/v1/me/phone/confirm", Map.of("code", "123456"), token);
        assertThat(nothingPending.status()).isEqualTo(409);
        assertThat(nothingPending.text("code")).isEqualTo("no_pending_verification");
        ApiClient.Reply badEmail = api.post("/api/v1/me/email", Map.of("email", "no-at-sign"), token);
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.text("code")).isEqualTo("email_invalid");
        ApiClient.Reply unauthenticated = api.post("/api/v1/me/phone", Map.of("phoneNumber", "+819012345678"), null);
        assertThat(unauthenticated.status()).isEqualTo(401);
        ApiClient.Reply unknownFlow = api.post("/api/v1/login/00000000-0000-4000-8000-000000000000/send-code",
                Map.of("method", "sms"), null);
        assertThat(unknownFlow.status()).isEqualTo(410);
        assertThat(unknownFlow.text("code")).isEqualTo("flow_expired");
    }

    @Test
    void anSmsOnlyAccountKeepsItsMethodUntilAnotherIsAdded() {
        String token = signUpAndLogin("sms_only");
        addPhone(token, "+819012340002");
        ApiClient.Reply last = api.post("/api/v1/me/two-step/remove-method",
                Map.of("method", "sms", "password", PASSWORD), token);
        assertThat(last.status()).isEqualTo(409);
        assertThat(last.text("code")).isEqualTo("last_method");
    }
}
