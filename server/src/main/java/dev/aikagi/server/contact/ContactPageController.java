package dev.aikagi.server.contact;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.contact.ContactChannel;
import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.backup.IssuedBackupCodes;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.settings.ContactSettings;
import dev.aikagi.core.settings.SettingsProblem;
import dev.aikagi.core.settings.TwoStepSettings;
import dev.aikagi.core.settings.TwoStepStatus;
import dev.aikagi.server.web.ApiRequests;
import dev.aikagi.server.web.ClientAddresses;
import dev.aikagi.server.web.ConfirmStep;
import dev.aikagi.server.web.MethodsPage;
import dev.aikagi.server.web.PageErrors;
import dev.aikagi.server.web.PageInputs;
import dev.aikagi.server.web.PageMessages;
import dev.aikagi.server.web.PageModelAdvice;
import dev.aikagi.server.web.SettingsPaths;
import dev.aikagi.server.web.ShownCodes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The phone number (codes by SMS) and the email address (notices and recovery) of the signed-in
 * account, under Password and security → Two-factor authentication. Each is verified with a code
 * before it counts; changes need recent authentication, as on the other method pages.
 */
@Controller
class ContactPageController {

    private static final String BASE = SettingsPaths.TWO_FACTOR_BASE;

    private final ContactSettings contacts;
    private final TwoStepSettings twoStep;
    private final MethodsPage methods;
    private final ShownCodes shownCodes;
    private final PageErrors errors;

    private final dev.aikagi.server.web.WebCookies cookies;

    ContactPageController(ContactSettings contacts, TwoStepSettings twoStep, MethodsPage methods,
                          ShownCodes shownCodes, PageErrors errors, dev.aikagi.server.web.WebCookies cookies) {
        this.cookies = Objects.requireNonNull(cookies, "cookies");
        this.contacts = Objects.requireNonNull(contacts, "contacts");
        this.twoStep = Objects.requireNonNull(twoStep, "twoStep");
        this.methods = Objects.requireNonNull(methods, "methods");
        this.shownCodes = Objects.requireNonNull(shownCodes, "shownCodes");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    @GetMapping(BASE + "/phone")
    String phonePage(@PathVariable String accountId, Model model, HttpServletResponse response, Locale locale) {
        Optional<Session> session = SettingsPaths.owner(accountId);
        if (session.isEmpty()) {
            return SettingsPaths.toChoice();
        }
        if (twoStep.needsSecondFactor(session.get())) {
            return SettingsPaths.stepUpFor(SettingsPaths.methodsPath(session.get().accountId()) + "/phone");
        }
        if (!twoStep.isRecentlyAuthenticated(session.get())) {
            return methods.refusedBeforeChange(SettingsProblem.REAUTHENTICATION_REQUIRED, session.get(), model, response,
                    locale);
        }
        return phoneForm(session.get(), model, "");
    }

    @PostMapping(BASE + "/phone")
    String sendPhoneCode(@PathVariable String accountId, @RequestParam(required = false) String phoneNumber,
                         HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        Optional<Session> session = SettingsPaths.owner(accountId);
        if (session.isEmpty()) {
            return SettingsPaths.toChoice();
        }
        Outcome<ContactSettings.CodeSent, SettingsProblem> sent = contacts.requestPhone(session.get(), phoneNumber,
                language(locale), ClientAddresses.of(request));
        if (sent.isDone()) {
            model.addAttribute("accountId", session.get().accountId().toString());
            model.addAttribute("destination", sent.doneValue().get().destination());
            return "phone-confirm";
        }
        return refused(sent, session.get(), response, model, locale, () -> phoneForm(session.get(), model,
                PageInputs.echo(phoneNumber)));
    }

    @PostMapping(BASE + "/phone/confirm")
    String confirmPhone(@PathVariable String accountId, @RequestParam(required = false) String code,
                        HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        Optional<Session> session = SettingsPaths.owner(accountId);
        if (session.isEmpty()) {
            return SettingsPaths.toChoice();
        }
        Outcome<ContactSettings.PhoneConfirmed, SettingsProblem> confirmed = contacts.confirmPhone(session.get(), code,
                language(locale), ClientAddresses.of(request));
        if (confirmed.isDone()) {
            // Turning two-step verification on ended the other sessions and raised this one (new cookie).
            cookies.keep(response, confirmed.doneValue().get().raised());
            Optional<IssuedBackupCodes> first = confirmed.doneValue().get().firstBackupCodes();
            if (first.isPresent()) {
                model.addAttribute(PageModelAdvice.LANG_BASE,
                        PageModelAdvice.langBase(SettingsPaths.methodsPath(session.get().accountId())));
                return shownCodes.issued(session.get(), first.get(), model, locale);
            }
            return "redirect:" + SettingsPaths.methodsPath(session.get().accountId()) + "?phone-verified";
        }
        SettingsProblem problem = confirmed.refusal().orElseThrow();
        if (problem == SettingsProblem.NO_PENDING_VERIFICATION) {
            return refused(confirmed, session.get(), response, model, locale, () -> phoneForm(session.get(), model, ""));
        }
        return refused(confirmed, session.get(), response, model, locale, () -> {
            model.addAttribute("accountId", session.get().accountId().toString());
            model.addAttribute("destination", "");
            return "phone-confirm";
        });
    }

    /** Removes the authenticator app or SMS codes while the other method stays. */
    @PostMapping(BASE + "/remove-method")
    String removeMethod(@PathVariable String accountId, @RequestParam(required = false) String method,
                        @RequestParam(required = false) String password, HttpServletRequest request,
                        HttpServletResponse response, Model model, Locale locale) {
        Optional<Session> session = SettingsPaths.owner(accountId);
        if (session.isEmpty()) {
            return SettingsPaths.toChoice();
        }
        Optional<FactorKind> kind = PageMessages.secondFactor(method).filter(k -> k != FactorKind.BACKUP_CODE);
        if (kind.isEmpty()) {
            errors.show(ApiRequests.UNKNOWN_METHOD, response, model, locale);
            methods.model(session.get(), model, locale);
            return "two-factor-methods";
        }
        Outcome<TwoStepStatus, SettingsProblem> removed = twoStep.removeMethod(session.get(), kind.get(), password,
                ClientAddresses.of(request));
        if (removed.isDone()) {
            return "redirect:" + SettingsPaths.methodsPath(session.get().accountId()) + "?method-removed";
        }
        if (removed.refusal().orElseThrow() == SettingsProblem.SECOND_FACTOR_REQUIRED) {
            return SettingsPaths.stepUpFor(SettingsPaths.methodsPath(session.get().accountId()));
        }
        errors.show(ContactFailures.of(removed.refusal().get(), removed.retryAt()), response, model, locale);
        if (kind.get() == FactorKind.SMS && (removed.refusal().get() == SettingsProblem.PASSWORD_WRONG
                || removed.refusal().get() == SettingsProblem.TOO_MANY_ATTEMPTS)) {
            // Back to the action's own confirm step (issue 17), not the whole methods page.
            return ConfirmStep.stopSms(session.get().accountId(),
                    twoStep.status(session.get().accountId()).smsDestination().orElse("")).show(session.get().accountId(), model);
        }
        methods.model(session.get(), model, locale);
        return "two-factor-methods";
    }

    @GetMapping(BASE + "/email")
    String emailPage(@PathVariable String accountId, Model model, HttpServletResponse response, Locale locale) {
        Optional<Session> session = SettingsPaths.owner(accountId);
        if (session.isEmpty()) {
            return SettingsPaths.toChoice();
        }
        if (twoStep.needsSecondFactor(session.get())) {
            return SettingsPaths.stepUpFor(SettingsPaths.methodsPath(session.get().accountId()) + "/email");
        }
        return emailForm(session.get(), model, "");
    }

    @PostMapping(BASE + "/email")
    String sendEmailCode(@PathVariable String accountId, @RequestParam(required = false) String email,
                         HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        Optional<Session> session = SettingsPaths.owner(accountId);
        if (session.isEmpty()) {
            return SettingsPaths.toChoice();
        }
        Outcome<ContactSettings.CodeSent, SettingsProblem> sent = contacts.requestEmail(session.get(), email, language(locale),
                ClientAddresses.of(request));
        if (sent.isDone()) {
            model.addAttribute("accountId", session.get().accountId().toString());
            model.addAttribute("destination", sent.doneValue().get().destination());
            return "email-confirm";
        }
        return refused(sent, session.get(), response, model, locale, () -> emailForm(session.get(), model,
                PageInputs.echo(email)));
    }

    @PostMapping(BASE + "/email/confirm")
    String confirmEmail(@PathVariable String accountId, @RequestParam(required = false) String code,
                        HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        Optional<Session> session = SettingsPaths.owner(accountId);
        if (session.isEmpty()) {
            return SettingsPaths.toChoice();
        }
        Outcome<ContactChannel, SettingsProblem> confirmed = contacts.confirmEmail(session.get(), code, language(locale),
                ClientAddresses.of(request));
        if (confirmed.isDone()) {
            return "redirect:" + SettingsPaths.methodsPath(session.get().accountId()) + "?email-verified";
        }
        if (confirmed.refusal().orElseThrow() == SettingsProblem.NO_PENDING_VERIFICATION) {
            return refused(confirmed, session.get(), response, model, locale, () -> emailForm(session.get(), model, ""));
        }
        return refused(confirmed, session.get(), response, model, locale, () -> {
            model.addAttribute("accountId", session.get().accountId().toString());
            model.addAttribute("destination", "");
            return "email-confirm";
        });
    }

    private String phoneForm(Session session, Model model, String typed) {
        model.addAttribute("accountId", session.accountId().toString());
        model.addAttribute("phoneNumber", typed);
        model.addAttribute("methodsPath", SettingsPaths.methodsPath(session.accountId()));
        return "phone-add";
    }

    private String emailForm(Session session, Model model, String typed) {
        model.addAttribute("accountId", session.accountId().toString());
        model.addAttribute("email", typed);
        model.addAttribute("current", contacts.channels(session.accountId()).stream()
                .filter(c -> c.kind() == Channel.EMAIL).findFirst().map(ContactChannel::masked).orElse(""));
        model.addAttribute("methodsPath", SettingsPaths.methodsPath(session.accountId()));
        return "email";
    }

    private <T> String refused(Outcome<T, SettingsProblem> outcome, Session session, HttpServletResponse response, Model model,
                               Locale locale, java.util.function.Supplier<String> page) {
        SettingsProblem problem = outcome.refusal().orElseThrow();
        if (problem == SettingsProblem.REAUTHENTICATION_REQUIRED || problem == SettingsProblem.SECOND_FACTOR_REQUIRED) {
            return methods.refusedBeforeChange(problem, session, model, response, locale);
        }
        errors.show(ContactFailures.of(problem, outcome.retryAt()), response, model, locale);
        return page.get();
    }

    static String language(Locale locale) {
        return "ja".equals(locale.getLanguage()) ? "ja" : "en";
    }
}
