package dev.aikagi.server.contact;

import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.settings.SettingsProblem;
import dev.aikagi.server.web.Refusal;
import dev.aikagi.server.web.SettingsFailures;
import java.time.Instant;
import java.util.Optional;

/**
 * The status, code and text of every refusal of the phone and email journeys, for the pages and
 * {@code /api/v1/me/phone}, {@code /api/v1/me/email} alike. A wrong or used code here is {@code 422}: the
 * session stays valid. The codes of both channels have the same six digits (the SMS texts name them).
 */
public final class ContactFailures {

    private ContactFailures() {
    }

    public static Refusal of(SettingsProblem problem, Optional<Instant> retryAt) {
        return SettingsFailures.of(problem, FactorKind.SMS, retryAt);
    }
}
