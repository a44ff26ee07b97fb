package dev.aikagi.server.web;

import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.settings.ContactSettings;
import dev.aikagi.core.settings.SettingsProblem;
import dev.aikagi.core.settings.TwoStepSettings;
import dev.aikagi.core.settings.TwoStepStatus;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The page of an account's two-step methods ({@code two-factor-methods}), which the two-step and the contact
 * journeys both render: its model, and what it shows when a change is refused before it starts.
 */
@Component
public final class MethodsPage {

    private final TwoStepSettings settings;
    private final ContactSettings contacts;
    private final AccountRepository accounts;
    private final PageFormats formats;
    private final PageErrors errors;
    private final dev.aikagi.core.factor.passkey.Passkeys passkeys;

    MethodsPage(TwoStepSettings settings, ContactSettings contacts, AccountRepository accounts, PageFormats formats,
                PageErrors errors, dev.aikagi.core.factor.passkey.Passkeys passkeys) {
        this.passkeys = Objects.requireNonNull(passkeys, "passkeys");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.contacts = Objects.requireNonNull(contacts, "contacts");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.formats = Objects.requireNonNull(formats, "formats");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    /**
     * The password form, coming back to the methods page once it is right; or, for a session that must prove its
     * second factor first, the step-up page (issue 14); any other refusal on the methods page.
     */
    public String refusedBeforeChange(SettingsProblem problem, Session session, Model model, HttpServletResponse response,
                                      Locale locale) {
        if (problem == SettingsProblem.SECOND_FACTOR_REQUIRED) {
            return SettingsPaths.stepUpFor(SettingsPaths.methodsPath(session.accountId()));
        }
        if (problem != SettingsProblem.REAUTHENTICATION_REQUIRED) {
            errors.show(SettingsFailures.of(problem, null, Optional.empty()), response, model, locale);
            model(session, model, locale);
            return "two-factor-methods";
        }
        model.addAttribute("next", SettingsPaths.methodsPath(session.accountId()) + "?reauthenticated");
        return "reauth";
    }

    /** An authenticator app as the methods page lists it (issue 17): dates formatted for the reader. */
    public record AppItem(String id, String name, String added, String lastUsed) {
    }

    private void appsModel(Session session, TwoStepStatus status, Model model, Locale locale) {
        java.util.List<dev.aikagi.core.factor.totp.AuthenticatorApp> apps = settings.authenticators(session.accountId());
        model.addAttribute("apps", apps.stream().map(a -> new AppItem(a.id().toString(), a.name(),
                formats.dateTime(a.createdAt(), locale), a.lastUsedAt().map(t -> formats.dateTime(t, locale)).orElse(null)))
                .toList());
        // Removing the last app while no other method stays is turning two-step verification off.
        model.addAttribute("appsRemovable", apps.size() > 1 || status.smsEnrolled() || status.passkeyEnrolled());
        model.addAttribute("appsFull", apps.size() >= dev.aikagi.core.factor.totp.TotpAuthenticator.MAX_CONFIRMED);
        model.addAttribute("appsMax", dev.aikagi.core.factor.totp.TotpAuthenticator.MAX_CONFIRMED);
    }

    public void model(Session session, Model model, Locale locale) {
        TwoStepStatus status = settings.status(session.accountId());
        model.addAttribute("accountId", session.accountId().toString());
        model.addAttribute("username", accounts.findById(session.accountId()).map(Account::username).orElse(""));
        model.addAttribute("status", status);
        status.backupCodesCreatedAt().ifPresent(at -> model.addAttribute("codesCreatedAt", formats.dateTime(at, locale)));
        model.addAttribute("methodsPath", SettingsPaths.methodsPath(session.accountId()));
        appsModel(session, status, model, locale);
        model.addAttribute("passkeyCount", passkeys.count(session.accountId()));
        model.addAttribute("email", contacts.channels(session.accountId()).stream()
                .filter(c -> c.kind() == dev.aikagi.core.delivery.Channel.EMAIL).findFirst()
                .map(dev.aikagi.core.contact.ContactChannel::masked).orElse(""));
        if (!model.containsAttribute("disableMethod")) {
            model.addAttribute("disableMethod", PageMessages.methodName(status.totpEnrolled()
                    ? dev.aikagi.core.factor.FactorKind.TOTP : dev.aikagi.core.factor.FactorKind.BACKUP_CODE));
        }
    }
}
