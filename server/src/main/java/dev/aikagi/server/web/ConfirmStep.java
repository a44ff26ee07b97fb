package dev.aikagi.server.web;

import dev.aikagi.core.account.AccountId;
import java.util.Objects;
import org.springframework.ui.Model;

/**
 * One action of the two-step page on its own short page ({@code two-factor-confirm}): what it does, the password
 * field labelled with that action, confirm or cancel (issue 17: the methods page no longer carries a password field
 * per action). The two-step and the contact journeys both show it, so it lives here.
 *
 * @param id a short name of the action, also the page's {@code data-action} ({@code remove-app}, {@code stop-sms})
 * @param titleKey the page title's message key (no argument)
 * @param headingKey, introKey, passwordKey message keys taking the thing's name as {@code {0}}
 * @param action where the form posts
 * @param method the hidden {@code method} field, or null
 * @param name the thing's name as its owner knows it ("work phone"); empty for an app without one
 */
public record ConfirmStep(String id, String titleKey, String headingKey, String introKey, String passwordKey,
                          String submitKey, String action, String method, String name) {

    public static final String TEMPLATE = "two-factor-confirm";

    public ConfirmStep {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(name, "name");
    }

    /** Removing one authenticator app. */
    public static ConfirmStep removeApp(AccountId accountId, java.util.UUID appId, String name) {
        return new ConfirmStep("remove-app", "authn.remove_app.title", "authn.remove_app.heading",
                "authn.remove_app.intro", "authn.remove_app.password", "authn.remove_app.submit",
                SettingsPaths.methodsPath(accountId) + "/authenticators/" + appId + "/remove", null, name);
    }

    /** Stopping codes by text message (the phone stays for recovery and notices). */
    public static ConfirmStep stopSms(AccountId accountId, String maskedPhone) {
        return new ConfirmStep("stop-sms", "authn.stop_sms.title", "authn.stop_sms.heading", "authn.stop_sms.intro",
                "authn.stop_sms.password", "authn.stop_sms.submit", SettingsPaths.methodsPath(accountId)
                + "/remove-method", "sms", maskedPhone);
    }

    /** Puts the step and the way back on the model; the view to render. */
    public String show(AccountId accountId, Model model) {
        model.addAttribute("confirm", this);
        model.addAttribute("accountId", accountId.toString());
        model.addAttribute("methodsPath", SettingsPaths.methodsPath(accountId));
        return TEMPLATE;
    }
}
