package dev.aikagi.core.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.session.AssuranceLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/** The login state machine can never skip a required factor, whatever arrives in whatever order. */
class LoginFlowProperties {

    private static final Instant START = Instant.parse("2026-11-25T00:00:00Z");
    private static final AccountId ACCOUNT = new AccountId(UUID.fromString("00000000-0000-4000-8000-000000000001"));
    private static final List<FactorKind> SECOND = List.of(FactorKind.TOTP, FactorKind.SMS, FactorKind.BACKUP_CODE);

    /**
     * Events arrive one after another on one timeline (each {@link Timed#after} is the gap since the previous
     * one), and the flow is checked against a model of the diagram written out here, after every event. The
     * statistics make sure the generated sequences do reach the authenticated state often enough for the
     * assertions on it to run (issue 14, point 7), and expire often enough for the expiry to be exercised.
     */
    @Property(tries = 2000)
    void advanceWhenAnyEventSequenceThenAuthenticatedOnlyWithRequiredFactors(
            @ForAll("enrolments") Set<FactorKind> enrolled,
            @ForAll("events") List<Timed> events) {
        LoginFlow flow = LoginFlow.start(UUID.randomUUID(), START);
        Set<FactorKind> verifiedSecondFactors = EnumSet.noneOf(FactorKind.class);
        LoginState expected = LoginState.AWAITING_PASSWORD;
        Instant now = START;
        boolean expired = false;
        for (Timed timed : events) {
            now = now.plus(timed.after());
            LoginEvent event = timed.event() instanceof LoginEvent.PasswordVerified
                    ? new LoginEvent.PasswordVerified(ACCOUNT, enrolled, enrolled.isEmpty() ? FactorKind.TOTP : enrolled.iterator().next())
                    : timed.event();
            boolean inTime = now.isBefore(START.plus(LoginFlow.LIFETIME));
            expired |= !inTime;
            LoginState modelled = inTime ? model(expected, event, enrolled) : null;
            try {
                flow = flow.advance(event, now);
            } catch (IllegalStateException refused) {
                assertThat(modelled).as("%s at %s refused in %s", event, now, expected).isNull();
                continue;
            }
            assertThat(modelled).as("%s at %s accepted in %s", event, now, expected).isEqualTo(flow.state());
            expected = modelled;
            if (event instanceof LoginEvent.SecondFactorVerified v) {
                verifiedSecondFactors.add(v.method());
            }
            if (event instanceof LoginEvent.DeviceRemembered) {
                verifiedSecondFactors.add(FactorKind.REMEMBERED_DEVICE);
            }
        }
        Statistics.label("outcome").collect(flow.isAuthenticated() ? "authenticated" : expired ? "expired" : "unfinished");
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("authenticated").percentage(p -> p > 10);
            coverage.check("expired").percentage(p -> p > 2);
        });
        if (flow.isAuthenticated() && flow.completed().get(0).kind() == FactorKind.PASSKEY) {
            // Issue 17: a passkey alone, user verified: AAL2 with nothing else.
            assertThat(flow.amr()).containsExactly("hwk", "user", "mfa");
            assertThat(flow.assuranceLevel()).isEqualTo(AssuranceLevel.AAL2);
            assertThat(flow.completed()).hasSize(1);
        } else if (flow.isAuthenticated()) {
            assertThat(flow.amr()).first().isEqualTo("pwd");
            assertThat(flow.accountId()).isEqualTo(ACCOUNT);
            if (enrolled.isEmpty()) {
                assertThat(flow.assuranceLevel()).isEqualTo(AssuranceLevel.AAL1);
            } else {
                assertThat(flow.assuranceLevel()).isEqualTo(AssuranceLevel.AAL2);
                assertThat(verifiedSecondFactors).isNotEmpty();
                // Issue 17: a remembered device is the one second step that is never enrolled.
                verifiedSecondFactors.remove(FactorKind.REMEMBERED_DEVICE);
                assertThat(enrolled).containsAll(verifiedSecondFactors);
                assertThat(flow.completed()).hasSize(2);
            }
        }
    }

    @Property(tries = 500)
    void advanceWhenFlowExpiredThenEveryEventRefused(@ForAll("events") List<Timed> events) {
        LoginFlow flow = LoginFlow.start(UUID.randomUUID(), START);
        Instant now = START.plus(LoginFlow.LIFETIME);
        for (Timed timed : events) {
            LoginEvent event = timed.event() instanceof LoginEvent.PasswordVerified
                    ? new LoginEvent.PasswordVerified(ACCOUNT, Set.of(), FactorKind.TOTP)
                    : timed.event();
            LoginFlow current = flow;
            now = now.plus(timed.after());
            Instant at = now;
            assertThatThrownBy(() -> current.advance(event, at))
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

    /**
     * The login-state.mmd diagram, written out again so that the property does not trust the code it checks:
     * the next state, or null when the event is not allowed.
     */
    private static LoginState model(LoginState state, LoginEvent event, Set<FactorKind> enrolled) {
        return switch (event) {
            case LoginEvent.PasswordVerified p -> state != LoginState.AWAITING_PASSWORD ? null
                    : enrolled.isEmpty() ? LoginState.AUTHENTICATED : LoginState.AWAITING_SECOND_FACTOR;
            case LoginEvent.MethodChosen m -> state == LoginState.AWAITING_SECOND_FACTOR && enrolled.contains(m.method())
                    ? state : null;
            case LoginEvent.SecondFactorVerified v -> state == LoginState.AWAITING_SECOND_FACTOR
                    && enrolled.contains(v.method()) ? LoginState.AUTHENTICATED : null;
            case LoginEvent.DeviceRemembered r -> state == LoginState.AWAITING_SECOND_FACTOR ? LoginState.AUTHENTICATED : null;
            // Issue 17: a passkey alone, only before the password.
            case LoginEvent.PasskeyVerified p -> state == LoginState.AWAITING_PASSWORD ? LoginState.AUTHENTICATED : null;
        };
    }

    /** An event and the time since the previous one (the first: since the flow started). */
    record Timed(LoginEvent event, Duration after) {
    }

    @Provide
    Arbitrary<Set<FactorKind>> enrolments() {
        return Arbitraries.of(SECOND).set().ofMaxSize(3);
    }

    @Provide
    Arbitrary<List<Timed>> events() {
        // The password first more often than not, as people do; still any order at all.
        Arbitrary<LoginEvent> first = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(new LoginEvent.PasswordVerified(ACCOUNT, Set.of(), FactorKind.TOTP))),
                Tuple.of(1, anyEvent()));
        // Mostly seconds to a minute apart; now and then a long pause that outlasts the flow.
        Arbitrary<Duration> gap = Arbitraries.frequencyOf(
                Tuple.of(9, Arbitraries.longs().between(0, 60)),
                Tuple.of(1, Arbitraries.longs().between(60, LoginFlow.LIFETIME.toSeconds() + 60))).map(Duration::ofSeconds);
        Arbitrary<Timed> head = Combinators.combine(first, gap).as(Timed::new);
        Arbitrary<List<Timed>> rest = Combinators.combine(anyEvent(), gap).as(Timed::new).list().ofMaxSize(7);
        return Combinators.combine(head, rest).as((h, r) -> {
            List<Timed> all = new ArrayList<>();
            all.add(h);
            all.addAll(r);
            return all;
        });
    }

    private static Arbitrary<LoginEvent> anyEvent() {
        return Arbitraries.oneOf(
                Arbitraries.just(new LoginEvent.PasswordVerified(ACCOUNT, Set.of(), FactorKind.TOTP)),
                Arbitraries.of(SECOND).map(LoginEvent.MethodChosen::new),
                Arbitraries.of(SECOND).map(LoginEvent.SecondFactorVerified::new),
                Arbitraries.just(new LoginEvent.DeviceRemembered()),
                Arbitraries.just(new LoginEvent.PasskeyVerified(ACCOUNT)));
    }
}
