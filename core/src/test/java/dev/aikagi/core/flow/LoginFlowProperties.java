package dev.aikagi.core.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.factor.FactorKind;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;

/** The login state machine can never skip a required factor, whatever arrives in whatever order. */
class LoginFlowProperties {

    private static final Instant START = Instant.parse("2026-11-25T00:00:00Z");
    private static final AccountId ACCOUNT = new AccountId(UUID.fromString("00000000-0000-4000-8000-000000000001"));
    private static final List<FactorKind> SECOND = List.of(FactorKind.TOTP, FactorKind.SMS, FactorKind.BACKUP_CODE);

    @Property(tries = 2000)
    void advanceWhenAnyEventSequenceThenAuthenticatedOnlyWithRequiredFactors(
            @ForAll("enrolments") Set<FactorKind> enrolled,
            @ForAll("events") List<Timed> events) {
        LoginFlow flow = LoginFlow.start(UUID.randomUUID(), START);
        Set<FactorKind> verifiedSecondFactors = EnumSet.noneOf(FactorKind.class);
        for (Timed timed : events) {
            LoginEvent event = timed.event() instanceof LoginEvent.PasswordVerified
                    ? new LoginEvent.PasswordVerified(ACCOUNT, enrolled, enrolled.isEmpty() ? FactorKind.TOTP : enrolled.iterator().next())
                    : timed.event();
            try {
                flow = flow.advance(event, START.plus(timed.after()));
            } catch (IllegalStateException refused) {
                continue;
            }
            if (event instanceof LoginEvent.SecondFactorVerified v) {
                verifiedSecondFactors.add(v.method());
            }
        }
        if (flow.isAuthenticated()) {
            assertThat(flow.amr()).first().isEqualTo("pwd");
            assertThat(flow.accountId()).isEqualTo(ACCOUNT);
            if (enrolled.isEmpty()) {
                assertThat(flow.assuranceLevel()).isEqualTo(AssuranceLevel.AAL1);
            } else {
                assertThat(flow.assuranceLevel()).isEqualTo(AssuranceLevel.AAL2);
                assertThat(verifiedSecondFactors).isNotEmpty();
                assertThat(enrolled).containsAll(verifiedSecondFactors);
                assertThat(flow.completed()).hasSize(2);
            }
        }
    }

    @Property(tries = 500)
    void advanceWhenFlowExpiredThenEveryEventRefused(@ForAll("events") List<Timed> events) {
        LoginFlow flow = LoginFlow.start(UUID.randomUUID(), START);
        Instant late = START.plus(LoginFlow.LIFETIME);
        for (Timed timed : events) {
            LoginEvent event = timed.event() instanceof LoginEvent.PasswordVerified
                    ? new LoginEvent.PasswordVerified(ACCOUNT, Set.of(), FactorKind.TOTP)
                    : timed.event();
            LoginFlow current = flow;
            assertThatThrownBy(() -> current.advance(event, late.plus(timed.after())))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("expired");
        }
    }

    @Example
    void advanceWhenSecondFactorNotEnrolledThenRefused() {
        LoginFlow flow = LoginFlow.start(UUID.randomUUID(), START)
                .advance(new LoginEvent.PasswordVerified(ACCOUNT, Set.of(FactorKind.TOTP), FactorKind.TOTP), START);

        assertThat(flow.state()).isEqualTo(LoginState.AWAITING_SECOND_FACTOR);
        assertThat(flow.challenge()).isEqualTo(FactorKind.TOTP);
        assertThatThrownBy(() -> flow.advance(new LoginEvent.SecondFactorVerified(FactorKind.BACKUP_CODE), START))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not enrolled");
        assertThatThrownBy(() -> flow.advance(new LoginEvent.PasswordVerified(ACCOUNT, Set.of(), FactorKind.TOTP), START))
                .isInstanceOf(IllegalStateException.class);
    }

    @Example
    void advanceWhenTryAnotherWayThenChallengeChangesAndVersionGrows() {
        LoginFlow flow = LoginFlow.start(UUID.randomUUID(), START)
                .advance(new LoginEvent.PasswordVerified(ACCOUNT, Set.of(FactorKind.TOTP, FactorKind.BACKUP_CODE), FactorKind.TOTP), START)
                .advance(new LoginEvent.MethodChosen(FactorKind.BACKUP_CODE), START.plusSeconds(5));

        assertThat(flow.challenge()).isEqualTo(FactorKind.BACKUP_CODE);
        assertThat(flow.version()).isEqualTo(2);
        LoginFlow done = flow.advance(new LoginEvent.SecondFactorVerified(FactorKind.BACKUP_CODE), START.plusSeconds(9));
        assertThat(done.amr()).containsExactly("pwd", "backup_code");
        assertThat(done.challenge()).isNull();
        assertThatThrownBy(() -> done.advance(new LoginEvent.SecondFactorVerified(FactorKind.BACKUP_CODE), START.plusSeconds(10)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("AUTHENTICATED");
    }

    @Example
    void passwordVerifiedWhenDefaultNotEnrolledThenProgrammerError() {
        assertThatThrownBy(() -> new LoginEvent.PasswordVerified(ACCOUNT, Set.of(FactorKind.BACKUP_CODE), FactorKind.TOTP))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("default method TOTP is not enrolled");
        assertThatThrownBy(() -> new LoginEvent.PasswordVerified(ACCOUNT, Set.of(FactorKind.PASSWORD), FactorKind.PASSWORD))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("PASSWORD is not a second factor");
    }

    record Timed(LoginEvent event, Duration after) {
    }

    @Provide
    Arbitrary<Set<FactorKind>> enrolments() {
        return Arbitraries.of(SECOND).set().ofMaxSize(3);
    }

    @Provide
    Arbitrary<List<Timed>> events() {
        Arbitrary<LoginEvent> event = Arbitraries.oneOf(
                Arbitraries.just(new LoginEvent.PasswordVerified(ACCOUNT, Set.of(), FactorKind.TOTP)),
                Arbitraries.of(SECOND).map(LoginEvent.MethodChosen::new),
                Arbitraries.of(SECOND).map(LoginEvent.SecondFactorVerified::new));
        Arbitrary<Duration> after = Arbitraries.longs().between(0, LoginFlow.LIFETIME.toSeconds() + 60).map(Duration::ofSeconds);
        return Combinators.combine(event, after).as(Timed::new).list().ofMaxSize(8);
    }
}
