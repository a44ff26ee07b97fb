package dev.aikagi.server.account;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.PendingDeletion;
import dev.aikagi.core.factor.password.PasswordPolicy;
import dev.aikagi.core.login.SignOut;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.settings.AccountDeletion;
import dev.aikagi.core.settings.PasswordChange;
import dev.aikagi.core.settings.SecurityCheckup;
import dev.aikagi.core.settings.SettingsProblem;
import dev.aikagi.core.settings.TwoStepSettings;
import dev.aikagi.server.web.CheckupPaths;
import dev.aikagi.server.web.ClientAddresses;
import dev.aikagi.server.web.CurrentSession;
import dev.aikagi.server.web.PageErrors;
import dev.aikagi.server.web.PageFormats;
import dev.aikagi.server.web.PageInputs;
import dev.aikagi.server.web.SettingsPaths;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The account's own security pages of issue 17: ending sessions, changing the password, deleting the account (and
 * keeping it), the security checkup and its nudge. Each calls the one core service the API calls too.
 */
@Controller
class SecurityPagesController {

    private final SignOut signOut;
    private final TwoStepSettings twoStep;
    private final PasswordChange passwords;
    private final AccountDeletion deletion;
    private final SecurityCheckup checkup;
    private final CheckupView view;
    private final PageErrors errors;
    private final PageFormats formats;

    SecurityPagesController(SignOut signOut, TwoStepSettings twoStep, PasswordChange passwords,
                            AccountDeletion deletion, SecurityCheckup checkup, CheckupView view, PageErrors errors,
                            PageFormats formats) {
        this.signOut = Objects.requireNonNull(signOut, "signOut");
        this.twoStep = Objects.requireNonNull(twoStep, "twoStep");
        this.passwords = Objects.requireNonNull(passwords, "passwords");
        this.deletion = Objects.requireNonNull(deletion, "deletion");
        this.checkup = Objects.requireNonNull(checkup, "checkup");
        this.view = Objects.requireNonNull(view, "view");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.formats = Objects.requireNonNull(formats, "formats");
    }

    // Sessions.

    @PostMapping(CheckupPaths.SECURITY + "/sessions/{id}/end")
    String endSession(@PathVariable String id, HttpServletRequest request) {
        Session current = CurrentSession.required();
        if (twoStep.needsSecondFactor(current)) {
            return SettingsPaths.stepUpFor(CheckupPaths.SECURITY);
        }
        Optional<UUID> target = PageInputs.uuid(id).filter(t -> !t.equals(current.id()));
        boolean ended = target.flatMap(t -> signOut.endSession(current, t, ClientAddresses.of(request))).isPresent();
        return "redirect:" + CheckupPaths.SECURITY + (ended ? "?session-ended" : "?session-gone");
    }

    @PostMapping(CheckupPaths.SECURITY + "/sessions/end-others")
    String endOthers(HttpServletRequest request) {
        Session current = CurrentSession.required();
        if (twoStep.needsSecondFactor(current)) {
            return SettingsPaths.stepUpFor(CheckupPaths.SECURITY);
        }
        signOut.endOthers(current, ClientAddresses.of(request));
        return "redirect:" + CheckupPaths.SECURITY + "?others-ended";
    }

    // The password.

    @GetMapping(CheckupPaths.PASSWORD)
    String passwordPage(Model model) {
        model.addAttribute("minLength", PasswordPolicy.MIN_LENGTH);
        return "password";
    }

    @PostMapping(CheckupPaths.PASSWORD)
    String changePassword(@RequestParam(required = false) String currentPassword,
                          @RequestParam(required = false) String newPassword, HttpServletRequest request,
                          HttpServletResponse response, Model model, Locale locale) {
        Session session = CurrentSession.required();
        Outcome<Integer, SettingsProblem> changed = passwords.change(session,
                currentPassword == null ? "" : currentPassword, newPassword == null ? "" : newPassword,
                ClientAddresses.of(request));
        if (changed.isDone()) {
            return "redirect:" + CheckupPaths.SECURITY + "?password-changed";
        }
        SettingsProblem problem = changed.refusal().orElseThrow();
        if (problem == SettingsProblem.SECOND_FACTOR_REQUIRED) {
            return SettingsPaths.stepUpFor(CheckupPaths.PASSWORD);
        }
        errors.show(AccountFailures.of(problem, changed.retryAt()), response, model, locale);
        // Which field the message is about, for aria-invalid and focus; a wrong current password empties only it.
        model.addAttribute("invalidField", problem == SettingsProblem.PASSWORD_WRONG
                || problem == SettingsProblem.TOO_MANY_ATTEMPTS ? "current" : "new");
        model.addAttribute("minLength", PasswordPolicy.MIN_LENGTH);
        return "password";
    }

    // Deleting the account.

    @GetMapping(CheckupPaths.DELETE)
    String deletePage(HttpServletRequest request, Model model, Locale locale) {
        Session session = CurrentSession.required();
        Optional<PendingDeletion> pending = deletion.pending(session.accountId());
        pending.ifPresent(p -> pendingModel(p, model, locale));
        model.addAttribute("pending", pending.isPresent());
        model.addAttribute("waitDays", Math.max(0, deletion.deleteAfter().toDays()));
        if (request.getParameter("scheduled") != null && pending.isPresent()) {
            model.addAttribute("notice", errors.text("delete.notice.scheduled", locale));
        } else if (request.getParameter("cancelled") != null) {
            model.addAttribute("notice", errors.text("delete.notice.cancelled", locale));
        }
        return "delete-account";
    }

    @PostMapping(CheckupPaths.DELETE)
    String scheduleDeletion(@RequestParam(required = false) String password, HttpServletRequest request,
                            HttpServletResponse response, Model model, Locale locale) {
        Session session = CurrentSession.required();
        Outcome<PendingDeletion, SettingsProblem> scheduled = deletion.schedule(session,
                password == null ? "" : password, ClientAddresses.of(request));
        if (scheduled.isDone()) {
            return "redirect:" + CheckupPaths.DELETE + "?scheduled";
        }
        SettingsProblem problem = scheduled.refusal().orElseThrow();
        if (problem == SettingsProblem.SECOND_FACTOR_REQUIRED) {
            return SettingsPaths.stepUpFor(CheckupPaths.DELETE);
        }
        errors.show(AccountFailures.of(problem, scheduled.retryAt()), response, model, locale);
        model.addAttribute("pending", false);
        model.addAttribute("waitDays", Math.max(0, deletion.deleteAfter().toDays()));
        return "delete-account";
    }

    @PostMapping(CheckupPaths.DELETE + "/cancel")
    String cancelDeletion(@RequestParam(required = false) String next, HttpServletRequest request) {
        deletion.cancel(CurrentSession.required(), ClientAddresses.of(request));
        if (next != null && !next.isEmpty()) {
            return "redirect:" + CheckupPaths.next(next);
        }
        return "redirect:" + CheckupPaths.DELETE + "?cancelled";
    }

    /** After a login while the deletion is pending: say so, offer to keep the account, then go on. */
    @GetMapping(CheckupPaths.DELETION_PENDING)
    String deletionPending(@RequestParam(required = false) String next, Model model, Locale locale) {
        Session session = CurrentSession.required();
        String goOn = CheckupPaths.next(next);
        Optional<PendingDeletion> pending = deletion.pending(session.accountId());
        if (pending.isEmpty()) {
            return "redirect:" + goOn;
        }
        pendingModel(pending.get(), model, locale);
        model.addAttribute("next", goOn);
        return "deletion-pending";
    }

    /** The link in the deletion notice: a form, since mail scanners fetch links and a GET must change nothing. */
    @GetMapping(AccountDeletion.CANCEL_PATH)
    String cancelLinkPage(@RequestParam(required = false) String token, Model model, HttpServletResponse response) {
        response.setHeader("Referrer-Policy", "no-referrer");
        boolean usable = token != null && !token.isBlank() && token.length() <= 128;
        if (!usable) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
        }
        model.addAttribute("token", usable ? token : "");
        model.addAttribute("invalid", !usable);
        model.addAttribute("done", false);
        return "deletion-cancel";
    }

    @PostMapping(AccountDeletion.CANCEL_PATH)
    String cancelWithLink(@RequestParam(required = false) String token, HttpServletRequest request,
                          HttpServletResponse response, Model model) {
        response.setHeader("Referrer-Policy", "no-referrer");
        Optional<AccountId> kept = deletion.cancelWithLink(token, ClientAddresses.of(request));
        if (kept.isEmpty()) {
            response.setStatus(HttpStatus.GONE.value());
        }
        model.addAttribute("token", "");
        model.addAttribute("invalid", kept.isEmpty());
        model.addAttribute("done", kept.isPresent());
        return "deletion-cancel";
    }

    // The checkup.

    @GetMapping(CheckupPaths.CHECKUP)
    String checkupPage(Model model, Locale locale) {
        Session session = CurrentSession.required();
        SecurityCheckup.Checkup result = checkup.check(session);
        model.addAttribute("canRecover", result.canRecover());
        model.addAttribute("summary", view.summary(result, locale));
        model.addAttribute("items", view.rows(result, session.accountId(), locale));
        return "checkup";
    }

    /** The nudge on the settings page: {@code later} puts it off for a week, {@code never} for good. */
    @PostMapping("/settings/checkup/nudge")
    String nudge(@RequestParam(required = false) String action) {
        Session session = CurrentSession.required();
        if ("never".equals(action)) {
            checkup.dismissNudge(session);
        } else {
            checkup.putOffNudge(session);
        }
        return "redirect:/settings";
    }

    private void pendingModel(PendingDeletion pending, Model model, Locale locale) {
        model.addAttribute("deleteAt", formats.dateTime(pending.dueAt(), locale));
        model.addAttribute("deleteAtIso", formats.iso(pending.dueAt()));
    }
}
