package dev.aikagi.server.twostep;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.factor.backup.BackupCodeView;
import dev.aikagi.core.factor.backup.BackupCodes;
import dev.aikagi.core.factor.backup.IssuedBackupCodes;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.settings.SettingsProblem;
import dev.aikagi.core.settings.TwoStepSettings;
import dev.aikagi.server.web.ClientAddresses;
import dev.aikagi.server.web.PageErrors;
import dev.aikagi.server.web.PageFormats;
import dev.aikagi.server.web.PageModelAdvice;
import dev.aikagi.server.web.SettingsPaths;
import dev.aikagi.server.web.ShownCodes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Backup codes of the signed-in account: which are used and when the set was made; showing the codes
 * again and getting new ones, each after the password; and a download and a print view of the codes
 * while the password just entered still counts.
 */
@Controller
class BackupCodesPageController {

    static final String CODES = TwoFactorPageController.BASE + "/backup-codes";

    /** A position of the set on the overview, without the code. */
    record Position(int number, boolean used, String usedAt) {
    }

    private final TwoStepSettings settings;
    private final BackupCodes backupCodes;
    private final ShownCodes shownCodes;
    private final PageFormats formats;
    private final PageErrors errors;

    BackupCodesPageController(TwoStepSettings settings, BackupCodes backupCodes, ShownCodes shownCodes,
                              PageFormats formats, PageErrors errors) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.backupCodes = Objects.requireNonNull(backupCodes, "backupCodes");
        this.shownCodes = Objects.requireNonNull(shownCodes, "shownCodes");
        this.formats = Objects.requireNonNull(formats, "formats");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    @GetMapping(CODES)
    String overview(@PathVariable String accountId, HttpServletRequest request, Model model, Locale locale) {
        Optional<Session> session = TwoFactorPageController.owner(accountId);
        if (session.isEmpty()) {
            return TwoFactorPageController.toChoice();
        }
        if (request.getParameter("not-saved") != null) {
            model.addAttribute("error", errors.text("backup_codes.error.not_saved", locale));
        }
        overviewModel(session.get(), model, locale);
        return "backup-codes";
    }

    @PostMapping(CODES + "/show")
    String show(@PathVariable String accountId, @RequestParam(required = false) String password,
                HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        Optional<Session> session = TwoFactorPageController.owner(accountId);
        if (session.isEmpty()) {
            return TwoFactorPageController.toChoice();
        }
        Outcome<BackupCodeView, SettingsProblem> shown = settings.revealBackupCodes(session.get(), password,
                ClientAddresses.of(request));
        if (shown.isDone()) {
            return shownCodes.revealed(session.get(), shown.doneValue().get(), model, locale);
        }
        return refused(shown, "show", session.get(), response, model, locale);
    }

    @PostMapping(CODES + "/new")
    String newCodes(@PathVariable String accountId, @RequestParam(required = false) String password,
                    HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        Optional<Session> session = TwoFactorPageController.owner(accountId);
        if (session.isEmpty()) {
            return TwoFactorPageController.toChoice();
        }
        Outcome<IssuedBackupCodes, SettingsProblem> issued = settings.regenerateBackupCodes(session.get(), password,
                ClientAddresses.of(request));
        if (issued.isDone()) {
            return shownCodes.issued(session.get(), issued.doneValue().get(), model, locale);
        }
        return refused(issued, "new", session.get(), response, model, locale);
    }

    /** "I have saved these codes": the last step of turning two-step verification on or of new codes. */
    @PostMapping(CODES + "/saved")
    String saved(@PathVariable String accountId, @RequestParam(required = false) String saved) {
        Optional<Session> session = TwoFactorPageController.owner(accountId);
        if (session.isEmpty()) {
            return TwoFactorPageController.toChoice();
        }
        String methods = TwoFactorPageController.methodsPath(session.get().accountId());
        return saved == null ? "redirect:" + methods + "/backup-codes?not-saved" : "redirect:" + methods + "?codes-saved";
    }

    @GetMapping(CODES + "/download")
    Object download(@PathVariable String accountId, HttpServletRequest request, HttpServletResponse response,
                    Model model, Locale locale) {
        Optional<Session> session = TwoFactorPageController.owner(accountId);
        if (session.isEmpty()) {
            return TwoFactorPageController.toChoice();
        }
        Outcome<BackupCodeView, SettingsProblem> view = settings.backupCodesFor(session.get(), AuditType.BACKUP_CODES_DOWNLOADED,
                ClientAddresses.of(request));
        if (!view.isDone()) {
            return refusedCopy(view.refusal().orElseThrow(), session.get(), response, model, locale);
        }
        BackupCodeView codes = view.doneValue().get();
        String text = shownCodes.text(session.get().accountId(), codes.createdAt(), ShownCodes.codes(codes), locale);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(ShownCodes.FILE_NAME).build().toString())
                .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                .body(text);
    }

    @GetMapping(CODES + "/print")
    String print(@PathVariable String accountId, HttpServletRequest request, HttpServletResponse response, Model model,
                 Locale locale) {
        Optional<Session> session = TwoFactorPageController.owner(accountId);
        if (session.isEmpty()) {
            return TwoFactorPageController.toChoice();
        }
        Outcome<BackupCodeView, SettingsProblem> view = settings.backupCodesFor(session.get(), AuditType.BACKUP_CODES_VIEWED,
                ClientAddresses.of(request));
        if (!view.isDone()) {
            return refusedCopy(view.refusal().orElseThrow(), session.get(), response, model, locale);
        }
        BackupCodeView codes = view.doneValue().get();
        model.addAttribute("codes", ShownCodes.codes(codes));
        model.addAttribute("username", shownCodes.username(session.get().accountId()));
        model.addAttribute("createdAt", formats.dateTime(codes.createdAt(), locale));
        model.addAttribute("createdAtIso", formats.iso(codes.createdAt()));
        model.addAttribute("codesPath", TwoFactorPageController.methodsPath(session.get().accountId()) + "/backup-codes");
        return "backup-codes-print";
    }

    private String refused(Outcome<?, SettingsProblem> outcome, String form, Session session, HttpServletResponse response,
                           Model model, Locale locale) {
        SettingsProblem problem = outcome.refusal().orElseThrow();
        if (problem == SettingsProblem.SECOND_FACTOR_REQUIRED) {
            return SettingsPaths.stepUpFor(TwoFactorPageController.methodsPath(session.accountId()) + "/backup-codes");
        }
        errors.show(TwoStepFailures.of(problem, null, outcome.retryAt()), response, model, locale);
        model.addAttribute(PageModelAdvice.LANG_BASE, PageModelAdvice.langBase(
                TwoFactorPageController.methodsPath(session.accountId()) + "/backup-codes"));
        model.addAttribute("errorForm", form);
        overviewModel(session, model, locale);
        return "backup-codes";
    }

    /**
     * A download or print view outside the window of the password entered again (as showing the codes needs it):
     * ask for it, then show the print view; a session that must prove its second factor goes to the step-up first.
     */
    private String refusedCopy(SettingsProblem problem, Session session, HttpServletResponse response, Model model,
                               Locale locale) {
        String codesPath = TwoFactorPageController.methodsPath(session.accountId()) + "/backup-codes";
        if (problem == SettingsProblem.SECOND_FACTOR_REQUIRED) {
            return SettingsPaths.stepUpFor(codesPath);
        }
        model.addAttribute(PageModelAdvice.LANG_BASE, PageModelAdvice.langBase(codesPath));
        if (problem == SettingsProblem.REAUTHENTICATION_REQUIRED) {
            model.addAttribute("next", codesPath + "/print");
            return "reauth";
        }
        errors.show(TwoStepFailures.of(problem, null, Optional.empty()), response, model, locale);
        overviewModel(session, model, locale);
        return "backup-codes";
    }

    private void overviewModel(Session session, Model model, Locale locale) {
        Optional<BackupCodeView> view = backupCodes.view(session.accountId(), false);
        String methodsPath = TwoFactorPageController.methodsPath(session.accountId());
        model.addAttribute("accountId", session.accountId().toString());
        model.addAttribute("methodsPath", methodsPath);
        model.addAttribute("codesPath", methodsPath + "/backup-codes");
        model.addAttribute("hasCodes", view.isPresent());
        model.addAttribute("showable", view.map(BackupCodeView::revealable).orElse(false));
        view.ifPresent(v -> {
            model.addAttribute("createdAt", formats.dateTime(v.createdAt(), locale));
            model.addAttribute("createdAtIso", formats.iso(v.createdAt()));
            model.addAttribute("remaining", v.remaining());
            model.addAttribute("total", v.entries().size());
            List<Position> positions = v.entries().stream()
                    .map(e -> new Position(e.position() + 1, e.usedAt().isPresent(),
                            e.usedAt().map(at -> formats.dateTime(at, locale)).orElse("")))
                    .toList();
            model.addAttribute("positions", positions);
        });
    }
}
