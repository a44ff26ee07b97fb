package dev.aikagi.core.login;

import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.notify.KnownDevices;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.trust.TrustedDevice;
import dev.aikagi.core.trust.TrustedDevices;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Issue 17: the password step of a login from a browser or app the account trusts. The password is checked as
 * always ({@link LoginService#submitPassword}); when it asks for a second step and the client presents a trusted
 * device of that account whose trust has not expired, the flow moves on by
 * {@link LoginEvent.DeviceRemembered} and the login is done at AAL2 with {@code amr} {@code ["pwd", "swk"]}
 * (RFC 8176 {@code swk}: proof of possession of a software-held key, the device's random secret).
 *
 * <p>Audited as {@link AuditType#LOGIN_SUCCEEDED} (so it is counted, and cancels a recovery, as every login by the
 * owner does) and {@link AuditType#LOGIN_TRUSTED_DEVICE} naming the device.
 */
public final class TrustedDeviceLogin {

    private final LoginService login;
    private final TrustedDevices trusted;
    private final LoginFlowRepository flows;
    private final KnownDevices devices;
    private final Auditor audit;
    private final Clock clock;

    public TrustedDeviceLogin(LoginService login, TrustedDevices trusted, LoginFlowRepository flows,
                              KnownDevices devices, Auditor audit, Clock clock) {
        this.login = Objects.requireNonNull(login, "login");
        this.trusted = Objects.requireNonNull(trusted, "trusted");
        this.flows = Objects.requireNonNull(flows, "flows");
        this.devices = Objects.requireNonNull(devices, "devices");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The first step: username and password, from a client that may present a trusted device.
     *
     * @param device    the client's device value, as for {@link LoginService#submitPassword}
     * @param presented what the client holds of trusted devices (the browser's trust cookie, the app's value)
     */
    public LoginResult submitPassword(String username, String password, ClientAddress from, Optional<String> device,
                                      Optional<TrustedDevices.Presented> presented) {
        Objects.requireNonNull(presented, "presented");
        LoginResult result = login.submitPassword(username, password, from, device);
        if (!(result instanceof LoginResult.SecondFactorRequired required) || presented.isEmpty()) {
            return result;
        }
        LoginFlow flow = required.flow();
        Optional<TrustedDevice> recognised = trusted.recognise(flow.accountId(), presented.get(), from);
        if (recognised.isEmpty()) {
            return result;
        }
        Instant now = clock.instant();
        LoginFlow next = flow.advance(new LoginEvent.DeviceRemembered(), now);
        if (!flows.update(next)) {
            return LoginResult.Failed.of(LoginFailure.FLOW_EXPIRED);
        }
        device.ifPresent(d -> devices.bind(flow.accountId(), d));
        audit.record(AuditType.LOGIN_TRUSTED_DEVICE, flow.accountId(), from.value(),
                Map.of("device", recognised.get().id().toString()));
        audit.record(AuditType.LOGIN_SUCCEEDED, flow.accountId(), from.value(), Map.of("amr", String.join(" ", next.amr())));
        return new LoginResult.Authenticated(next, OptionalInt.empty());
    }
}
