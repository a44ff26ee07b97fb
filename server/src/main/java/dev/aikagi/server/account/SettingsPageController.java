package dev.aikagi.server.account;

import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditLog;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.session.Sessions;
import dev.aikagi.core.settings.TwoStepSettings;
import dev.aikagi.core.trust.TrustedDevices;
import dev.aikagi.server.web.CurrentSession;
import dev.aikagi.server.web.Devices;
import dev.aikagi.server.web.PageErrors;
import dev.aikagi.server.web.PageFormats;
import dev.aikagi.server.web.PageMessages;
import dev.aikagi.server.web.SettingsPaths;
import dev.aikagi.server.web.WebCookies;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Settings → Account Center → Password and security → Two-factor authentication → choose account.
 * Every page acts on the account the session signed in to; another account of the Account Center is
 * reached by logging in to it, which switches the session.
 */
@Controller
class SettingsPageController {

    /** How many security events the activity list shows. */
    static final int ACTIVITY_SIZE = 20;

    /** One account of the Account Center as the pages list it. */
    record LinkedAccount(String id, String username, boolean current, boolean twoStepOn, String href, String switchHref) {
    }

    record SessionRow(String kind, String createdAt, String createdAtIso, String lastSeenAt, boolean current,
                      String id) {
    }

    record ActivityRow(String typeKey, String at, String atIso, String clientAddress) {
    }

    /** Issue 17: a trusted browser or app, as the security page lists it. */
    record TrustedDeviceRow(String id, String device, String createdAt, String createdAtIso, String lastUsedAt,
                            String lastUsedAtIso, String network, String expiresAt, String expiresAtIso,
                            boolean current) {
    }

    private final Sessions sessions;
    private final AccountRepository accounts;
    private final TwoStepSettings twoStep;
    private final AuditLog auditLog;
    private final PageFormats formats;
    private final PageErrors errors;
    private final TrustedDevices trusted;
    private final WebCookies cookies;

    SettingsPageController(Sessions sessions, AccountRepository accounts, TwoStepSettings twoStep, AuditLog auditLog,
                           PageFormats formats, PageErrors errors, TrustedDevices trusted, WebCookies cookies) {
        this.trusted = Objects.requireNonNull(trusted, "trusted");
        this.cookies = Objects.requireNonNull(cookies, "cookies");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.twoStep = Objects.requireNonNull(twoStep, "twoStep");
        this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
        this.formats = Objects.requireNonNull(formats, "formats");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    @GetMapping("/settings")
    String settings(HttpServletRequest request, Model model, Locale locale) {
        if (request.getParameter("expired") != null) {
            model.addAttribute("error", errors.text("error.page_expired", locale));
        }
        model.addAttribute("username", username(CurrentSession.required().accountId()));
        return "settings";
    }

    @GetMapping("/settings/account-center")
    String accountCenter(Model model) {
        Session session = CurrentSession.required();
        model.addAttribute("accounts", linkedAccounts(session, false));
        return "account-center";
    }

    @GetMapping("/settings/account-center/security")
    String security(HttpServletRequest request, Model model, Locale locale) {
        Session session = CurrentSession.required();
        List<SessionRow> rows = sessions.active(session.accountId()).stream()
                .map(s -> new SessionRow(s.kind().name().toLowerCase(Locale.ROOT),
                        formats.dateTime(s.createdAt(), locale), formats.iso(s.createdAt()),
                        formats.dateTime(s.lastSeenAt(), locale), s.id().equals(session.id()), s.id().toString()))
                .toList();
        List<ActivityRow> activity = auditLog.recent(session.accountId(), ACTIVITY_SIZE).stream()
                .map(e -> activityRow(e, locale))
                .toList();
        model.addAttribute("username", username(session.accountId()));
        model.addAttribute("sessions", rows);
        model.addAttribute("activity", activity);
        model.addAttribute("trustedDevices", trustedDeviceRows(session, request, locale));
        if (request.getParameter("device-removed") != null) {
            model.addAttribute("notice", errors.text("trusted.removed", locale));
        }
        if (request.getParameter("devices-removed") != null) {
            model.addAttribute("notice", errors.text("trusted.removed_all", locale));
        }
        return "security";
    }

    @GetMapping(SettingsPaths.TWO_FACTOR)
    String chooseAccount(@RequestParam(required = false) String created, Model model, Locale locale) {
        List<LinkedAccount> linked = linkedAccounts(CurrentSession.required(), true);
        // One account in this browser: nothing to choose, straight to its page (issue 17).
        if (linked.size() == 1 && linked.getFirst().current()) {
            return "redirect:" + linked.getFirst().href() + (created == null ? "" : "?created");
        }
        if (created != null) {
            model.addAttribute("notice", errors.text("two_factor.notice.created", locale));
        }
        model.addAttribute("accounts", linked);
        return "two-factor-choose";
    }

    /** Issue 17: the account's trusted devices; the one whose entry this browser holds is marked. */
    private List<TrustedDeviceRow> trustedDeviceRows(Session session, HttpServletRequest request, Locale locale) {
        List<String> held = TrustedDevices.entries(cookies.read(request, cookies.trustName()).orElse(null)).stream()
                .map(entry -> entry.substring(0, entry.indexOf('.')))
                .toList();
        return trusted.list(session.accountId()).stream()
                .map(d -> new TrustedDeviceRow(d.id().toString(), Devices.render(d.description(), key -> errors.text(key, locale)),
                        formats.dateTime(d.createdAt(), locale), formats.iso(d.createdAt()),
                        formats.dateTime(d.lastUsedAt(), locale), formats.iso(d.lastUsedAt()), d.lastNetwork(),
                        formats.dateTime(d.expiresAt(), locale), formats.iso(d.expiresAt()),
                        held.contains(d.id().toString())))
                .toList();
    }

    private ActivityRow activityRow(AuditEvent event, Locale locale) {
        return new ActivityRow(PageMessages.auditType(event.type()), formats.dateTime(event.at(), locale),
                formats.iso(event.at()), event.clientAddress() == null ? "" : event.clientAddress());
    }

    private List<LinkedAccount> linkedAccounts(Session session, boolean withStatus) {
        return sessions.accountCenter(session).stream()
                .map(id -> accounts.findById(id).map(a -> linked(a, session, withStatus)))
                .flatMap(java.util.Optional::stream)
                .sorted(Comparator.comparing((LinkedAccount a) -> !a.current()).thenComparing(LinkedAccount::username))
                .toList();
    }

    private LinkedAccount linked(Account account, Session session, boolean withStatus) {
        boolean current = account.id().equals(session.accountId());
        String name = URLEncoder.encode(account.username(), StandardCharsets.UTF_8);
        String switchHref = "/login?add=1&username=" + name;
        String href = current
                ? SettingsPaths.methodsPath(account.id())
                : "/login?add=1&then=" + SettingsPaths.THEN_TWO_FACTOR + "&username=" + name;
        return new LinkedAccount(account.id().toString(), account.username(), current,
                withStatus && current && twoStep.status(account.id()).enabled(), href, switchHref);
    }

    private String username(AccountId id) {
        return accounts.findById(id).map(Account::username).orElse("");
    }
}
