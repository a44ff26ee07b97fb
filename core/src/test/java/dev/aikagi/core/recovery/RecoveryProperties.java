package dev.aikagi.core.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.session.AssuranceLevel;
import dev.aikagi.core.session.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever happens in whatever order — right and wrong codes and passwords, sends, time passing, the owner
 * logging in or following the notice's link, attempts to complete — a recovery ends in a session only after
 * two independent proofs and the whole waiting period, never after a cancellation, only once, and that
 * session never has the second factor satisfied (it is AAL1 and limited to setting up new factors).
 */
class RecoveryProperties {

    enum Step {
        SEND_EMAIL, RIGHT_EMAIL, WRONG_EMAIL, SEND_SMS, RIGHT_SMS, WRONG_SMS, RIGHT_PASSWORD, WRONG_PASSWORD,
        PROVE_EMAIL, PROVE_SMS, WAIT_MINUTE, WAIT_HOURS, WAIT_DAY, OWNER_LOGIN, FOLLOW_NOTICE_LINK, COMPLETE
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        // Weighted so that enough runs get far: a code sent and entered is one step as well as two.
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.just(Step.PROVE_EMAIL)),
                net.jqwik.api.Tuple.of(4, Arbitraries.just(Step.PROVE_SMS)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Step.RIGHT_PASSWORD)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Step.WAIT_DAY)),
                net.jqwik.api.Tuple.of(4, Arbitraries.just(Step.COMPLETE)),
                net.jqwik.api.Tuple.of(10, Arbitraries.of(Step.class))).list().ofMinSize(1).ofMaxSize(20);
    }

    @Property(tries = 250)
    void aRecoveryEndsInASessionOnlyWhenTheRulesWereMet(@ForAll("steps") List<Step> steps) {
        RecoveryServiceTest world = new RecoveryServiceTest();
        world.accountWithAppPhoneEmailAndBackupCodes();
        RecoveryService recovery = world.recovery;
        RecoveryService.Started id = world.started("hanako");

        Set<Proof> accepted = EnumSet.noneOf(Proof.class);
        Instant provenAt = null;
        boolean cancelled = false;
        int completions = 0;
        for (Step step : steps) {
            Instant now = world.clock.instant();
            switch (step) {
                case PROVE_EMAIL, PROVE_SMS -> {
                    Proof proof = step == Step.PROVE_EMAIL ? Proof.EMAIL : Proof.SMS;
                    recovery.sendCode(id.id(), id.token(), proof.value(), RecoveryServiceTest.FROM);
                    Outcome<RecoveryService.Status, RecoveryFailure> outcome = recovery.verify(id.id(), id.token(), proof.value(),
                            secret(world, proof, true), RecoveryServiceTest.FROM);
                    if (outcome.isDone()) {
                        accepted.add(proof);
                        if (outcome.doneValue().get().state() != RecoveryState.NEEDS_MORE_PROOF && provenAt == null) {
                            provenAt = now;
                            assertThat(twoIndependentProofs(accepted)).as("enough proof after %s", accepted).isTrue();
                        }
                    }
                }
                case SEND_EMAIL -> recovery.sendCode(id.id(), id.token(), "email", RecoveryServiceTest.FROM);
                case SEND_SMS -> recovery.sendCode(id.id(), id.token(), "sms", RecoveryServiceTest.FROM);
                case RIGHT_EMAIL, RIGHT_SMS, RIGHT_PASSWORD, WRONG_EMAIL, WRONG_SMS, WRONG_PASSWORD -> {
                    Proof proof = switch (step) {
                        case RIGHT_EMAIL, WRONG_EMAIL -> Proof.EMAIL;
                        case RIGHT_SMS, WRONG_SMS -> Proof.SMS;
                        default -> Proof.PASSWORD;
                    };
                    boolean right = step.name().startsWith("RIGHT");
                    String secret = secret(world, proof, right);
                    Outcome<RecoveryService.Status, RecoveryFailure> outcome = recovery.verify(id.id(), id.token(), proof.value(), secret,
                            RecoveryServiceTest.FROM);
                    if (outcome.isDone() && right) {
                        accepted.add(proof);
                    }
                    if (outcome.isDone() && outcome.doneValue().get().state() != RecoveryState.NEEDS_MORE_PROOF
                            && provenAt == null) {
                        provenAt = now;
                        assertThat(twoIndependentProofs(accepted)).as("enough proof after %s", accepted).isTrue();
                    }
                    if (!right && outcome.isDone()) {
                        assertThat(provenAt).as("a wrong %s is only 'ok' once the case is proven", proof).isNotNull();
                    }
                }
                case WAIT_MINUTE -> world.clock.advance(Duration.ofMinutes(1));
                case WAIT_HOURS -> world.clock.advance(Duration.ofHours(7));
                case WAIT_DAY -> world.clock.advance(Duration.ofHours(24));
                case OWNER_LOGIN -> {
                    if (!world.totp.isEnrolled(world.account)) {
                        continue; // after a completed recovery the owner's old app is gone
                    }
                    world.loggedIn();
                    cancelled |= wasCancelled(world, id);
                }
                case FOLLOW_NOTICE_LINK -> {
                    Optional<String> token = world.channels.to(RecoveryServiceTest.EMAIL).stream()
                            .filter(m -> m.kind().equals("alert.recovery_started"))
                            .map(m -> m.body().replaceAll("(?s).*token=([A-Za-z0-9_-]+).*", "$1"))
                            .reduce((a, b) -> b);
                    if (token.isPresent() && world.notifications.reportNotMe(token.get(), "192.0.2.1").isPresent()) {
                        cancelled |= wasCancelled(world, id);
                    }
                }
                case COMPLETE -> {
                    Outcome<RecoveryService.Completed, RecoveryFailure> done = world.completion.complete(id.id(), id.token(), Session.Kind.API,
                            RecoveryServiceTest.FROM);
                    if (done.isDone()) {
                        completions++;
                        assertThat(twoIndependentProofs(accepted)).as("proofs %s", accepted).isTrue();
                        assertThat(provenAt).isNotNull();
                        assertThat(now).isAfterOrEqualTo(provenAt.plus(RecoveryPolicy.DEFAULT.waitingPeriod()));
                        assertThat(cancelled).as("completed after a cancellation").isFalse();
                        Session session = done.doneValue().get().session().session();
                        assertThat(session.assurance()).isEqualTo(AssuranceLevel.AAL1);
                        assertThat(session.isRecovery()).isTrue();
                    }
                }
            }
        }
        assertThat(completions).isLessThanOrEqualTo(1);
        Statistics.label("outcome").collect(completions > 0 ? "completed" : cancelled ? "cancelled"
                : provenAt != null ? "proven, not completed" : "not proven");
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("completed").percentage(p -> p > 2);
            coverage.check("cancelled").percentage(p -> p > 2);
        });
    }

    /** The product rule, written out again here so that the property does not trust the code it checks. */
    private static boolean twoIndependentProofs(Set<Proof> proofs) {
        boolean email = proofs.contains(Proof.EMAIL);
        boolean sms = proofs.contains(Proof.SMS);
        return (email && sms) || ((email || sms) && proofs.contains(Proof.PASSWORD));
    }

    /** Whether the step just taken cancelled the case. */
    private static boolean wasCancelled(RecoveryServiceTest world, RecoveryService.Started id) {
        RecoveryState state = world.cases.find(id.id()).orElseThrow().state(world.clock.instant());
        return state == RecoveryState.CANCELLED;
    }

    private static String secret(RecoveryServiceTest world, Proof proof, boolean right) {
        if (proof == Proof.PASSWORD) {
            return right ? RecoveryServiceTest.PASSWORD : "not the password";
        }
        String to = proof == Proof.EMAIL ? RecoveryServiceTest.EMAIL : RecoveryServiceTest.MOBILE;
        String code = world.channels.to(to).stream().filter(m -> m.kind().equals("recovery_code"))
                .map(m -> m.body().replaceAll("(?s).*code=([0-9]{6}).*", "$1")).reduce((a, b) -> b).orElse("999999");
        if (right) {
            return code;
        }
        return code.equals("000000") ? "000001" : "000000";
    }
}
