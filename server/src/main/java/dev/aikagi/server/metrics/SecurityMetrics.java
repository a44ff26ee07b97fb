package dev.aikagi.server.metrics;

import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Objects;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Security events as Prometheus counters ({@code /actuator/prometheus}), counted from the audit stream:
 * logins by outcome and method, backup codes used and sets running low, rate-limit hits, codes sent,
 * recovery steps. Tags take values from closed sets only (never a username, address or code).
 */
public final class SecurityMetrics implements AuditListener {

    /** A backup-code login that leaves this many codes or fewer counts as "running low". */
    static final int LOW = 2;

    private final MeterRegistry registry;

    public SecurityMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void recorded(AuditEvent event) {
        switch (event.type()) {
            case LOGIN_SUCCEEDED -> login("success", lastMethod(event.details().get("amr")));
            case LOGIN_PASSWORD_FAILED -> login("password_failed", "pwd");
            case LOGIN_SECOND_FACTOR_FAILED -> login("second_factor_failed", method(event.details().get("method")));
            case LOGIN_THROTTLED -> count("aikagi.rate.limited", "Attempts refused by a rate limit", "step",
                    step(event.details().get("step")));
            case BACKUP_CODE_USED -> {
                count("aikagi.backup.codes.used", "Backup codes used to log in", null, null);
                if (remaining(event.details().get("remaining")) <= LOW) {
                    count("aikagi.backup.codes.low", "Backup-code logins that left 2 codes or fewer", null, null);
                }
            }
            case SIGN_UP_THROTTLED -> count("aikagi.rate.limited", "Attempts refused by a rate limit", "step", "sign_up");
            case TEXT_MESSAGE_REFUSED -> count("aikagi.sms.refused",
                    "Text messages not sent: country not allowed, per-address limit or hourly budget", "reason",
                    smsRefusal(event.details().get("reason")));
            case CODE_SENT -> codes("sent");
            case CODE_SEND_FAILED -> codes("failed");
            case CODE_SEND_THROTTLED -> codes("throttled");
            case RECOVERY_STARTED, RECOVERY_WAITING, RECOVERY_CANCELLED, RECOVERY_COMPLETED ->
                    count("aikagi.recovery", "Account recovery steps", "event",
                            event.type().name().substring("RECOVERY_".length()).toLowerCase(Locale.ROOT));
            default -> {
                // not counted
            }
        }
    }

    private void login(String outcome, String method) {
        Counter.builder("aikagi.logins").description("Login steps by outcome and method")
                .tag("outcome", outcome).tag("method", method).register(registry).increment();
    }

    private void codes(String outcome) {
        count("aikagi.codes.sent", "SMS and email codes by outcome", "outcome", outcome);
    }

    private void count(String name, String description, String tag, String value) {
        Counter.Builder builder = Counter.builder(name).description(description);
        if (tag != null) {
            builder.tag(tag, value);
        }
        builder.register(registry).increment();
    }

    /** The second factor of a login ("pwd" when it had none). */
    private static String lastMethod(String amr) {
        if (amr == null || amr.isBlank()) {
            return "unknown";
        }
        String[] parts = amr.strip().split(" ");
        return method(parts[parts.length - 1]);
    }

    private static String method(String amr) {
        return amr == null ? "unknown" : switch (amr) {
            case "pwd", "otp", "sms", "backup_code" -> amr;
            default -> "other";
        };
    }

    private static String step(String step) {
        return step == null ? "unknown" : switch (step) {
            case "password", "otp", "sms", "backup_code" -> step;
            default -> "other";
        };
    }

    private static String smsRefusal(String reason) {
        return reason == null ? "unknown" : switch (reason) {
            case "region_not_allowed", "address_limit", "hourly_limit" -> reason;
            default -> "other";
        };
    }

    private static int remaining(String value) {
        try {
            return value == null ? Integer.MAX_VALUE : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** The counters, an audit listener of the core's assembly (CoreConfiguration takes every AuditListener bean). */
    @Configuration(proxyBeanMethods = false)
    static class Wiring {
        @Bean
        SecurityMetrics securityMetrics(MeterRegistry registry) {
            return new SecurityMetrics(registry);
        }
    }
}
