package dev.aikagi.server.twostep;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.backup.IssuedBackupCodes;
import dev.aikagi.core.factor.passkey.Passkey;
import dev.aikagi.core.factor.passkey.Passkeys;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.settings.PasskeySettings;
import dev.aikagi.core.settings.SettingsProblem;
import dev.aikagi.server.web.ClientAddresses;
import dev.aikagi.server.web.MethodsPage;
import dev.aikagi.server.web.PageErrors;
import dev.aikagi.server.web.PageFormats;
import dev.aikagi.server.web.PageInputs;
import dev.aikagi.server.web.PageModelAdvice;
import dev.aikagi.server.web.PasskeyOptions;
import dev.aikagi.server.web.SettingsPaths;
import dev.aikagi.server.web.ShownCodes;
import dev.aikagi.server.web.WebCookies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The passkeys page of the two-step settings (issue 17): the account's passkeys with when each was added and last
 * used, adding one (a name, then the browser's passkey dialog run by {@code passkeys.js}), and removing one with
 * the password. The rules are the other two-step changes' ({@link PasskeySettings}); the first passkey of an
 * account turns two-step verification on and shows the first backup codes, as the authenticator app does.
 */
@Controller
class PasskeyPageController {

    static final String PAGE = TwoFactorPageController.BASE + "/passkeys";

    /** A passkey as the page lists it, its times in the person's zone and language. */
    record Row(String id, String name, String createdAt, String lastUsedAt) {
    }

    private final PasskeySettings settings;
    private final PasskeyOptions options;
    private final MethodsPage methodsPage;
    private final ShownCodes shownCodes;
    private final PageErrors errors;
    private final PageFormats formats;
    private final WebCookies cookies;

    PasskeyPageController(PasskeySettings settings, PasskeyOptions options, MethodsPage methodsPage,
                          ShownCodes shownCodes, PageErrors errors, PageFormats formats, WebCookies cookies) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.options = Objects.requireNonNull(options, "options");
        this.methodsPage = Objects.requireNonNull(methodsPage, "methodsPage");
        this.shownCodes = Objects.requireNonNull(shownCodes, "shownCodes");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.formats = Objects.requireNonNull(formats, "formats");
        this.cookies = Objects.requireNonNull(cookies, "cookies");
    }

    @GetMapping(PAGE)
    String page(@PathVariable String accountId, HttpServletRequest request, Model model, Locale locale) {
        Optional<Session> session = SettingsPaths.owner(accountId);
        if (session.isEmpty()) {
            return SettingsPaths.toChoice();
        }
        for (String notice : new String[] {"passkey-added", "passkey-removed"}) {
            if (request.getParameter(notice) != null) {
                model.addAttribute("notice", errors.text("two_factor.notice." + notice.replace('-', '_'), locale));
            }
        }
        return render(session.get(), null, "", model, locale);
    }

    /** "Add a passkey" with its name: the creation options for the browser, bound to this session. */
    @PostMapping(PAGE)
    String start(@PathVariable String accountId, @RequestParam(required = false) String name,
                 HttpServletResponse response, Model model, Locale locale) {
        Optional<Session> session = SettingsPaths.owner(accountId);
        if (session.isEmpty()) {
            return SettingsPaths.toChoice();
        }
        Outcome<Passkeys.RegistrationOptions, SettingsProblem> started = settings.start(session.get());
        if (!(started instanceof Outcome.Done<Passkeys.RegistrationOptions, SettingsProblem>(var creation))) {
            return refused(started.refusal().orElseThrow(), session.get(), response, model, locale);
        }
        String given = PageInputs.echo(name == null ? "" : name.strip());
        return render(session.get(), PasskeyOptions.json(options.creation(creation)),
                given.isEmpty() ? errors.text("passkey.default_name", locale) : given, model, locale);
    }

    @PostMapping(PAGE + "/confirm")
    String confirm(@PathVariable String accountId, @RequestParam(required = false) String credential,
                   @RequestParam(required = false) String name, HttpServletRequest request,
                   HttpServletResponse response, Model model, Locale locale) {
        Optional<Session> session = SettingsPaths.owner(accountId);
        if (session.isEmpty()) {
            return SettingsPaths.toChoice();
        }
        Outcome<PasskeySettings.Added, SettingsProblem> added = credential == null || credential.length() > 16_384
                ? Outcome.refused(SettingsProblem.PASSKEY_INVALID)
                : settings.confirm(session.get(), credential, name, ClientAddresses.of(request));
        if (added instanceof Outcome.Done<PasskeySettings.Added, SettingsProblem>(var done)) {
            // Turning two-step verification on ended the other sessions and raised this one (new cookie).
            cookies.keep(response, done.raised());
            Optional<IssuedBackupCodes> first = done.firstBackupCodes();
            if (first.isPresent()) {
                model.addAttribute(PageModelAdvice.LANG_BASE,
                        PageModelAdvice.langBase(SettingsPaths.methodsPath(session.get().accountId())));
                return shownCodes.issued(session.get(), first.get(), model, locale);
            }
            return "redirect:" + path(session.get()) + "?passkey-added";
        }
        return refused(added.refusal().orElseThrow(), session.get(), response, model, locale);
    }

    @PostMapping(PAGE + "/{passkeyId}/remove")
    String remove(@PathVariable String accountId, @PathVariable String passkeyId,
                  @RequestParam(required = false) String password, HttpServletRequest request,
                  HttpServletResponse response, Model model, Locale locale) {
        Optional<Session> session = SettingsPaths.owner(accountId);
        if (session.isEmpty()) {
            return SettingsPaths.toChoice();
        }
        UUID id = PageInputs.uuid(passkeyId).orElse(null);
        Outcome<List<Passkey>, SettingsProblem> removed = settings.remove(session.get(), id, password,
                ClientAddresses.of(request));
        if (removed.isDone()) {
            return "redirect:" + path(session.get()) + "?passkey-removed";
        }
        return refused(removed.refusal().orElseThrow(), session.get(), response, model, locale);
    }

    private String refused(SettingsProblem problem, Session session, HttpServletResponse response, Model model,
                           Locale locale) {
        if (problem == SettingsProblem.REAUTHENTICATION_REQUIRED) {
            model.addAttribute("next", path(session));
            return "reauth";
        }
        if (problem == SettingsProblem.SECOND_FACTOR_REQUIRED) {
            return methodsPage.refusedBeforeChange(problem, session, model, response, locale);
        }
        errors.show(TwoStepFailures.of(problem, FactorKind.PASSKEY, Optional.empty()), response, model, locale);
        return render(session, null, "", model, locale);
    }

    private String render(Session session, String creationOptions, String name, Model model, Locale locale) {
        model.addAttribute("methodsPath", SettingsPaths.methodsPath(session.accountId()));
        model.addAttribute("options", creationOptions);
        model.addAttribute("name", name);
        model.addAttribute("passkeys", settings.list(session.accountId()).stream().map(p -> new Row(p.id().toString(),
                p.name(), formats.dateTime(p.createdAt(), locale),
                p.lastUsedAt().map(at -> formats.dateTime(at, locale)).orElse(null))).toList());
        return "passkeys";
    }

    private static String path(Session session) {
        return SettingsPaths.methodsPath(session.accountId()) + "/passkeys";
    }
}
