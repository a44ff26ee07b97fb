package dev.aikagi.server.twostep;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.session.Sessions;
import dev.aikagi.core.settings.SettingsProblem;
import dev.aikagi.core.settings.StepUp;
import dev.aikagi.server.web.ClientAddresses;
import dev.aikagi.server.web.CurrentSession;
import dev.aikagi.server.web.PageErrors;
import dev.aikagi.server.web.PageMessages;
import dev.aikagi.server.web.PageModelAdvice;
import dev.aikagi.server.web.PasskeyOptions;
import dev.aikagi.server.web.SafeRedirects;
import dev.aikagi.server.web.SettingsPaths;
import dev.aikagi.server.web.WebCookies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The second step for a session already signed in (issue 14): on an account with two-step verification on, a
 * session that proved only the password is sent here before it may change a factor, a contact channel or the
 * password, or see the backup codes. A code of the account's app, SMS or a backup code raises the session to
 * AAL2 with a new cookie (as every login step does), then the browser goes back where it was going.
 *
 * <p>Issue 17: "Use a passkey" leads to {@code /settings/step-up/passkey}, whose script (static/js/passkeys.js, as on
 * the login's passkey page) runs the ceremony with a challenge bound to this session and posts the answer.
 */
@Controller
public class StepUpPageController {

    static final String STEP_UP = SettingsPaths.STEP_UP;

    private final StepUp stepUp;
    private final WebCookies cookies;
    private final PageErrors errors;
    private final PasskeyOptions passkeyOptions;

    StepUpPageController(StepUp stepUp, WebCookies cookies, PageErrors errors, PasskeyOptions passkeyOptions) {
        this.stepUp = Objects.requireNonNull(stepUp, "stepUp");
        this.cookies = Objects.requireNonNull(cookies, "cookies");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.passkeyOptions = Objects.requireNonNull(passkeyOptions, "passkeyOptions");
    }

    @GetMapping(STEP_UP)
    String form(@RequestParam(required = false) String next, Model model) {
        Session session = CurrentSession.required();
        String target = SafeRedirects.settingsPath(next);
        if (session.assurance() == dev.aikagi.core.session.AssuranceLevel.AAL2) {
            return "redirect:" + target;
        }
        return page(session, target, model);
    }

    @PostMapping(STEP_UP + "/send")
    String send(@RequestParam(required = false) String next, HttpServletRequest request, HttpServletResponse response,
                Model model, Locale locale) {
        Session session = CurrentSession.required();
        String target = SafeRedirects.settingsPath(next);
        Outcome<StepUp.CodeSent, SettingsProblem> sent = stepUp.sendCode(session, ClientAddresses.of(request));
        if (sent.isDone()) {
            model.addAttribute("smsSent", true);
            model.addAttribute("notice", errors.text("challenge.sms.sent", locale, sent.doneValue().get().destination()));
            errors.sendAgainWait(sent.doneValue().get().nextSendAt(), model, locale); // issue 17
        } else {
            SettingsProblem problem = sent.refusal().orElseThrow();
            errors.show(TwoStepFailures.of(problem, FactorKind.SMS, sent.retryAt()), response, model, locale);
            // A code went moments ago: the button still says "Send again" (issue 17).
            model.addAttribute("smsSent", problem == SettingsProblem.SENT_RECENTLY);
        }
        return page(session, target, model);
    }

    @PostMapping(STEP_UP)
    String verify(@RequestParam(required = false) String method, @RequestParam(required = false) String code,
                  @RequestParam(required = false) String next, HttpServletRequest request, HttpServletResponse response,
                  Model model, Locale locale) {
        Session session = CurrentSession.required();
        String target = SafeRedirects.settingsPath(next);
        Optional<FactorKind> kind = PageMessages.secondFactor(method);
        if (kind.isEmpty()) {
            errors.show(TwoStepFailures.UNKNOWN_METHOD, response, model, locale);
            return page(session, target, model);
        }
        Outcome<Sessions.Raised, SettingsProblem> raised = stepUp.verify(session, kind.get(), code, ClientAddresses.of(request));
        if (raised.isDone()) {
            cookies.keep(response, raised.doneValue());
            // A redirect follows: the next page makes a new CSRF token, as after a login.
            cookies.clear(response, cookies.csrfName());
            return "redirect:" + target;
        }
        SettingsProblem problem = raised.refusal().orElseThrow();
        errors.show(TwoStepFailures.of(problem, kind.get(), raised.retryAt()), response, model, locale);
        return page(session, target, model);
    }

    /** "Use a passkey": the ceremony's page, with a new challenge bound to this session. */
    @GetMapping(STEP_UP + "/passkey")
    String passkeyForm(@RequestParam(required = false) String next, Model model) {
        Session session = CurrentSession.required();
        String target = SafeRedirects.settingsPath(next);
        if (session.assurance() == dev.aikagi.core.session.AssuranceLevel.AAL2) {
            return "redirect:" + target;
        }
        return passkeyPage(session, target, model);
    }

    /** The authenticator's answer (AuthenticationResponseJSON), posted by the page's script. */
    @PostMapping(STEP_UP + "/passkey")
    String passkey(@RequestParam(required = false) String credential, @RequestParam(required = false) String next,
                   HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        Session session = CurrentSession.required();
        String target = SafeRedirects.settingsPath(next);
        Outcome<Sessions.Raised, SettingsProblem> raised =
                credential == null || credential.isEmpty() || credential.length() > 16_384
                        ? Outcome.refused(SettingsProblem.PASSKEY_INVALID)
                        : stepUp.verify(session, FactorKind.PASSKEY, credential, ClientAddresses.of(request));
        if (raised.isDone()) {
            cookies.keep(response, raised.doneValue());
            cookies.clear(response, cookies.csrfName());
            return "redirect:" + target;
        }
        errors.show(TwoStepFailures.of(raised.refusal().orElseThrow(), FactorKind.PASSKEY, raised.retryAt()), response,
                model, locale);
        return passkeyPage(session, target, model);
    }

    private String passkeyPage(Session session, String target, Model model) {
        Outcome<dev.aikagi.core.factor.passkey.Passkeys.AssertionOptions, SettingsProblem> options =
                stepUp.passkeyOptions(session);
        if (options.refusal().isPresent()) {
            // No passkey (any more): the page of the other methods, or on when two-step verification is off.
            return page(session, target, model);
        }
        model.addAttribute("next", target);
        model.addAttribute("options", PasskeyOptions.json(passkeyOptions.request(options.doneValue().orElseThrow())));
        model.addAttribute(PageModelAdvice.LANG_BASE, PageModelAdvice.langBase(STEP_UP + "/passkey"));
        return "step-up-passkey";
    }

    private String page(Session session, String target, Model model) {
        Set<FactorKind> methods = stepUp.methods(session.accountId());
        if (methods.isEmpty()) {
            // Two-step verification is off (or went off meanwhile): nothing to prove, nothing is refused for it.
            return "redirect:" + target;
        }
        model.addAttribute("next", target);
        model.addAttribute("totp", methods.contains(FactorKind.TOTP));
        model.addAttribute("sms", methods.contains(FactorKind.SMS));
        model.addAttribute("backupCode", methods.contains(FactorKind.BACKUP_CODE));
        model.addAttribute("passkey", methods.contains(FactorKind.PASSKEY));
        model.addAttribute("smsDestination", stepUp.smsDestination(session.accountId()).orElse(""));
        model.addAttribute(PageModelAdvice.LANG_BASE, PageModelAdvice.langBase(STEP_UP));
        return "step-up";
    }
}
