package dev.aikagi.core.login;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.notify.KnownDevices;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.session.Sessions;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The last step of every login, in one place for the pages, the JSON API and sign-up: the session opens at the
 * assurance level the flow reached (NIST SP 800-63B-4 §2; a new token after authentication, OWASP Session
 * Management), the device is recorded (a device the account has not seen is audited as
 * {@link AuditType#LOGIN_NEW_DEVICE}, which tells the owner), a login from a browser already signed in links the
 * two accounts in its Account Center, and the session is handed to the OpenID Connect side
 * ({@link SessionListener}).
 *
 * <p>Binding the device to the account for its own attempt budget happens earlier, in {@link LoginService}, at the
 * very step that completed the login; the audit of the login itself ({@link AuditType#LOGIN_SUCCEEDED}) too.
 */
public final class SignIn {

    /** How a device is described in a new-device notice for an app (the {@code Aikagi-Device} header). */
    public static final String APP_DEVICE = "app";

    private final Sessions sessions;
    private final KnownDevices devices;
    private final SessionListener listener;
    private final Auditor audit;

    public SignIn(Sessions sessions, KnownDevices devices, SessionListener listener, Auditor audit) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.devices = Objects.requireNonNull(devices, "devices");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** Who finished the login: a browser (with what it holds already), an app, or a browser that just signed up. */
    public sealed interface Client permits Browser, App, NewAccount {
    }

    /**
     * A browser on the login pages.
     *
     * @param current       the session the browser is signed in with already, if any
     * @param replaceCurrent an application asked for a fresh login ({@code prompt=login}, {@code max_age}, a
     *                      higher {@code acr}): the login replaces {@code current} rather than adding an account
     * @param device        the browser's device value (its device cookie, made by the server)
     * @param description   what the new-device notice calls the browser
     */
    public record Browser(Optional<Session> current, boolean replaceCurrent, String device, String description)
            implements Client {
        public Browser {
            Objects.requireNonNull(current, "current");
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(description, "description");
        }
    }

    /** An app through the JSON API, with its {@code Aikagi-Device} value if it sent one. */
    public record App(Optional<String> device) implements Client {
        public App {
            Objects.requireNonNull(device, "device");
        }
    }

    /**
     * A browser whose account was just created (and signed in with its new password): its device is known from
     * the start, so its first login there is not news. Signed in already, it gets the new account added.
     */
    public record NewAccount(Optional<Session> current, String device) implements Client {
        public NewAccount {
            Objects.requireNonNull(current, "current");
            Objects.requireNonNull(device, "device");
        }
    }

    /** The answer to {@link #complete}: the session that now carries the login, and its token (shown once). */
    public sealed interface SignedIn {
        Sessions.Opened opened();
    }

    /** A new session (the browser's earlier one, if the login replaced it, has ended). */
    public record Opened(Sessions.Opened opened) implements SignedIn {
        public Opened {
            Objects.requireNonNull(opened, "opened");
        }
    }

    /** The account joined the Account Center of the browser's session, which now carries it ({@code "add account"}). */
    public record AccountAdded(Sessions.Opened opened, AccountId previous) implements SignedIn {
        public AccountAdded {
            Objects.requireNonNull(opened, "opened");
            Objects.requireNonNull(previous, "previous");
        }
    }

    /** Ends the authenticated login {@code login} for {@code client}, from {@code from}. */
    public SignedIn complete(LoginResult.Authenticated login, Client client, ClientAddress from) {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(from, "from");
        LoginFlow flow = login.flow();
        SignedIn signedIn = switch (client) {
            case Browser browser -> {
                devices.loggedIn(flow.accountId(), browser.device(), from.value(), browser.description());
                Optional<Session> current = browser.current();
                if (current.isPresent() && browser.replaceCurrent()) {
                    // A fresh login an application asked for replaces the session; it does not add an account.
                    sessions.end(current.get());
                    current = Optional.empty();
                }
                yield current.isPresent()
                        ? addAccount(current.get(), flow, from, true)
                        : new Opened(sessions.open(flow, Session.Kind.BROWSER));
            }
            case App app -> {
                Opened opened = new Opened(sessions.open(flow, Session.Kind.API));
                devices.loggedIn(flow.accountId(), app.device().orElse(null), from.value(), APP_DEVICE);
                yield opened;
            }
            case NewAccount browser -> {
                SignedIn opened = browser.current().isPresent()
                        ? addAccount(browser.current().get(), flow, from, false)
                        : new Opened(sessions.open(flow, Session.Kind.BROWSER));
                devices.signedUp(flow.accountId(), browser.device());
                yield opened;
            }
        };
        listener.signedIn(signedIn.opened().session());
        return signedIn;
    }

    /**
     * @param auditLink whether to record {@link AuditType#ACCOUNT_LINKED} on both accounts: a login does; sign-up
     *                  does not (it never has, and the new account has nothing in its history to warn about yet)
     */
    private AccountAdded addAccount(Session current, LoginFlow flow, ClientAddress from, boolean auditLink) {
        Sessions.Opened opened = sessions.addAccount(current, flow);
        if (auditLink && !current.accountId().equals(flow.accountId())) {
            audit.record(AuditType.ACCOUNT_LINKED, flow.accountId(), from.value(),
                    Map.of("linked", current.accountId().toString()));
            audit.record(AuditType.ACCOUNT_LINKED, current.accountId(), from.value(),
                    Map.of("linked", flow.accountId().toString()));
        }
        return new AccountAdded(opened, current.accountId());
    }
}
