package dev.aikagi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.server.browser.TestPeople.Person;
import dev.aikagi.testkit.ApiAccounts;
import dev.aikagi.testkit.ApiClient;
import dev.aikagi.testkit.Authenticator;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Accounts with two-step verification on, for tests whose subject comes after turning it on. Made
 * through the JSON API, which is quicker than a browser; {@link BackupCodeJourneyTest} covers turning
 * it on through the pages.
 */
final class TwoStepAccounts {

    /**
     * What the person has once two-step verification is on.
     *
     * @param totpKey the authenticator app's key, Base32
     */
    record Enrolled(AccountId account, String totpKey, List<String> backupCodes) {

        /** What the authenticator app shows at {@code at}. */
        String totpCodeAt(Instant at) {
            return Authenticator.codeAt(totpKey, at);
        }

        @Override
        public String toString() {
            return "Enrolled[" + account + "]";
        }
    }

    private TwoStepAccounts() {
    }

    static Enrolled signUpWithTwoStep(BrowserServer server, Person person) {
        ApiAccounts.TwoStep enrolled = new ApiAccounts(api(server), Clock.systemUTC())
                .signUpWithTotp(person.username(), person.password());
        assertThat(enrolled.backupCodes()).as("two-step verification on").isNotEmpty();
        return new Enrolled(AccountId.parse(enrolled.accountId()), enrolled.secret(), enrolled.backupCodes());
    }

    /** Logs in through the API once with each of {@code codes}, as if they had been used on other devices. */
    static void useBackupCodes(BrowserServer server, Person person, List<String> codes) {
        ApiClient api = api(server);
        Map<String, String> credentials = Map.of("username", person.username(), "password", person.password());
        for (String code : codes) {
            String flow = ApiClient.expect(api.post("/api/v1/login", credentials, null), 200, "login").text("flowId");
            ApiClient.Reply verified = api.post("/api/v1/login/" + flow + "/verify",
                    Map.of("method", "backup_code", "code", code), null);
            assertThat(verified.text("status")).isEqualTo("AUTHENTICATED");
            api.post("/api/v1/logout", "{}", verified.text("sessionToken"));
        }
    }

    private static ApiClient api(BrowserServer server) {
        return new ApiClient(URI.create(server.url("")));
    }
}
