package dev.aikagi.core.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.MutableClock;
import dev.aikagi.core.Outcome;
import dev.aikagi.core.TestChannels;
import dev.aikagi.core.TestWorld;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.SignUp;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.code.CodePurpose;
import dev.aikagi.core.code.SendLimits;
import dev.aikagi.core.code.SendResult;
import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.password.PasswordPolicy;
import dev.aikagi.core.factor.sms.SmsRegions;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.settings.ContactSettings;
import dev.aikagi.core.settings.SettingsProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 points 3 and 4: text messages cannot be turned against someone else's number, the operator's bill
 * or other countries. A throwaway account verifying someone else's number never spends the owner's login
 * codes; numbers outside the allowed regions get nothing; the hourly budget and the per-address limit hold.
 */
class SmsAbuseTest {

    private static final String PASSWORD = "しずかさやいわにしみいるせみのこえ";
    private static final ClientAddress OWNER_FROM = new ClientAddress("192.0.2.10");
    private static final ClientAddress ATTACKER_FROM = new ClientAddress("203.0.113.66");
    private static final String OWNER_PHONE = "+819012345678";
    private static final String UK_MOBILE = "+447400123456";

    private final TestWorld world = new TestWorld("2026-11-25T09:10:00Z", 23);
    private final MutableClock clock = world.clock;
    private final SignUp signUp = new SignUp(world.accounts, world.hasher, new PasswordPolicy(Set.of()), world.generator,
            world.audit, clock);

    private TestChannels channels = channels(SendLimits.DEFAULT);
    private LoginService login = login(channels);

    private TestChannels channels(SendLimits.Policy policy) {
        return new TestChannels(world.generator, world.attempts, clock, policy, SmsRegions.DEFAULT, world.audit);
    }

    private LoginService login(TestChannels with) {
        return new LoginService(world.accounts, world.hasher, world.totp, world.backupCodes, with.sms,
                new InMemoryLoginFlowRepository(), world.guard, world.devices, world.generator, world.audit, clock);
    }

    private ContactSettings contacts() {
        return new ContactSettings(channels.channels, channels.sender, world.twoStep, world.guard, world.audit,
                world.notifications, "JP", clock);
    }

    private AccountId account(String username) {
        return signUp.register(username, PASSWORD, "192.0.2.1").doneValue().orElseThrow();
    }

    /** An account that logs in with its password and a code texted to {@code phone}. */
    private AccountId smsAccount(String username, String phone) {
        AccountId id = account(username);
        channels.addPhone(id, phone, clock.instant());
        world.backupCodes.issue(id, clock.instant());
        return id;
    }

    private Session signedIn(String username, ClientAddress from) {
        LoginResult result = login.submitPassword(username, PASSWORD, from);
        return world.sessions.open(((LoginResult.Authenticated) result).flow(), Session.Kind.BROWSER).session();
    }

    private Outcome<SendResult.Sent, LoginFailure> loginCode(String username, ClientAddress from) {
        LoginResult result = login.submitPassword(username, PASSWORD, from);
        LoginFlow flow = ((LoginResult.SecondFactorRequired) result).flow();
        return login.sendCode(flow.id(), FactorKind.SMS, from);
    }

    private List<String> refusals() {
        return world.auditLog.all().stream().filter(e -> e.type() == AuditType.TEXT_MESSAGE_REFUSED)
                .map(AuditEvent::details).map(d -> d.get("reason")).toList();
    }

    @Test
    void requestPhoneWhenThrowawayAccountsExhaustVerificationToOwnersNumberThenOwnerStillGetsLoginCodes() {
        smsAccount("owner", OWNER_PHONE);
        account("throwaway");
        Session attacker = signedIn("throwaway", ATTACKER_FROM);
        ContactSettings contacts = contacts();
        int sent = 0;
        Outcome<ContactSettings.CodeSent, SettingsProblem> last = null;
        for (int i = 0; i < 10; i++) {
            last = contacts.requestPhone(attacker, OWNER_PHONE, "ja", ATTACKER_FROM);
            sent += last.isDone() ? 1 : 0;
            clock.advance(Duration.ofSeconds(31));
        }
        assertThat(sent).isEqualTo(SendLimits.DEFAULT.perDestinationCap());
        assertThat(last.refusal()).contains(SettingsProblem.TOO_MANY_SENDS);
        account("throwaway2");
        Session second = signedIn("throwaway2", ATTACKER_FROM);
        assertThat(contacts.requestPhone(second, OWNER_PHONE, "ja", ATTACKER_FROM).refusal())
                .as("the number's verification allowance is spent for every other account too")
                .contains(SettingsProblem.TOO_MANY_SENDS);

        Outcome<SendResult.Sent, LoginFailure> ownersCode = loginCode("owner", OWNER_FROM);

        assertThat(ownersCode.refusal()).isEmpty();
        assertThat(channels.to(OWNER_PHONE)).last().satisfies(m -> assertThat(m.kind()).isEqualTo("login_code"));
    }

    @Test
    void requestPhoneWhenOwnNumberAlreadyVerifiedThenSharesTheLoginBudgetNotTheUnprovenOne() {
        AccountId owner = account("owner");
        // Verified for recovery and notices, not (yet) a login method.
        channels.channels.save(new dev.aikagi.core.contact.ContactChannel(owner, Channel.SMS, OWNER_PHONE, "ja", false,
                clock.instant()));
        account("throwaway");
        Session attacker = signedIn("throwaway", ATTACKER_FROM);
        for (int i = 0; i < 6; i++) {
            contacts().requestPhone(attacker, OWNER_PHONE, "ja", ATTACKER_FROM);
            clock.advance(Duration.ofSeconds(31));
        }

        Session session = signedIn("owner", OWNER_FROM);

        assertThat(contacts().requestPhone(session, OWNER_PHONE, "ja", OWNER_FROM).isDone()).isTrue();
    }

    @Test
    void requestPhoneWhenNumberOutsideAllowedRegionsThenRefusedBeforeAnythingIsCountedOrSent() {
        AccountId id = account("hanako");
        Session session = signedIn("hanako", OWNER_FROM);

        Outcome<ContactSettings.CodeSent, SettingsProblem> refused = contacts().requestPhone(session, "+44 7400 123456", "ja",
                OWNER_FROM);

        assertThat(refused.refusal()).contains(SettingsProblem.PHONE_REGION_NOT_ALLOWED);
        assertThat(channels.sent).isEmpty();
        assertThat(world.attempts.failures("send:VERIFY_PHONE:cooldown:" + id)).isZero();
        assertThat(refusals()).containsExactly("region_not_allowed");
        assertThat(contacts().requestPhone(session, "090-1234-5678", "ja", OWNER_FROM).isDone()).isTrue();
    }

    @Test
    void sendCodeWhenPhoneOutsideAllowedRegionsThenRefusedAndNothingSent() {
        smsAccount("abroad", UK_MOBILE); // verified before the operator narrowed the list

        Outcome<SendResult.Sent, LoginFailure> result = loginCode("abroad", OWNER_FROM);

        assertThat(result.refusal()).contains(LoginFailure.PHONE_REGION_NOT_ALLOWED);
        assertThat(channels.sent).isEmpty();
        assertThat(refusals()).containsExactly("region_not_allowed");
    }

    @Test
    void deliverWhenRecoveryCodeToPhoneOutsideAllowedRegionsThenNothingSent() {
        AccountId id = smsAccount("abroad", UK_MOBILE);

        SendResult result = channels.sender.deliver(id, CodePurpose.RECOVERY_SMS, "case", Channel.SMS, UK_MOBILE,
                "•••• ••56", "en", clock.instant());

        assertThat(result).isInstanceOf(SendResult.RegionNotAllowed.class);
        assertThat(channels.sent).isEmpty();
    }

    @Test
    void sendCodeWhenHourlyTextMessageBudgetSpentThenRefusedUntilTheNextHour() {
        channels = channels(SendLimits.DEFAULT.withTextMessageLimits(100, 3));
        login = login(channels);
        for (int i = 0; i < 4; i++) {
            smsAccount("user" + i, "+8190123456" + (10 + i));
        }
        for (int i = 0; i < 3; i++) {
            assertThat(loginCode("user" + i, new ClientAddress("192.0.2." + (100 + i))).refusal()).isEmpty();
        }

        Outcome<SendResult.Sent, LoginFailure> refused = loginCode("user3", new ClientAddress("192.0.2.103"));

        assertThat(refused.refusal()).contains(LoginFailure.TOO_MANY_SENDS);
        assertThat(refused.retryAt()).contains(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(channels.sent).hasSize(3);
        assertThat(refusals()).containsExactly("hourly_limit");
        clock.set(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(loginCode("user3", new ClientAddress("192.0.2.103")).refusal()).isEmpty();
    }

    @Test
    void sendCodeWhenOneAddressAsksTooManyTextMessagesThenRefusedAndOtherAddressesAreNot() {
        channels = channels(SendLimits.DEFAULT.withTextMessageLimits(2, 1000));
        login = login(channels);
        for (int i = 0; i < 4; i++) {
            smsAccount("user" + i, "+8190123456" + (10 + i));
        }
        assertThat(loginCode("user0", new ClientAddress("2001:db8:5:6::1")).refusal()).isEmpty();
        assertThat(loginCode("user1", new ClientAddress("2001:db8:5:6::2")).refusal()).isEmpty();

        Outcome<SendResult.Sent, LoginFailure> sameSlash64 = loginCode("user2", new ClientAddress("2001:db8:5:6:ffff::3"));

        assertThat(sameSlash64.refusal()).contains(LoginFailure.TOO_MANY_SENDS);
        assertThat(refusals()).containsExactly("address_limit");
        assertThat(loginCode("user3", new ClientAddress("2001:db8:5:7::1")).refusal()).isEmpty();
        assertThat(channels.sent).hasSize(3);
    }
}
