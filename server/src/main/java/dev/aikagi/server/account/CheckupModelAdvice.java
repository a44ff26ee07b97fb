package dev.aikagi.server.account;

import dev.aikagi.core.account.PendingDeletion;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.settings.AccountDeletion;
import dev.aikagi.core.settings.SecurityCheckup;
import dev.aikagi.server.web.CheckupPaths;
import dev.aikagi.server.web.CurrentSession;
import dev.aikagi.server.web.PageErrors;
import dev.aikagi.server.web.PageFormats;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What issue 17 adds to the settings home and the security page without changing their controller: a pending
 * deletion (with the button that keeps the account), the checkup's nudge after login on the settings home, and
 * the notice after ending sessions or changing the password on the security page.
 */
@ControllerAdvice(assignableTypes = SettingsPageController.class)
class CheckupModelAdvice {

    private final AccountDeletion deletion;
    private final SecurityCheckup checkup;
    private final CheckupView view;
    private final PageErrors texts;
    private final PageFormats formats;

    CheckupModelAdvice(AccountDeletion deletion, SecurityCheckup checkup, CheckupView view, PageErrors texts,
                       PageFormats formats) {
        this.deletion = Objects.requireNonNull(deletion, "deletion");
        this.checkup = Objects.requireNonNull(checkup, "checkup");
        this.view = Objects.requireNonNull(view, "view");
        this.texts = Objects.requireNonNull(texts, "texts");
        this.formats = Objects.requireNonNull(formats, "formats");
    }

    @ModelAttribute
    void checkupModel(HttpServletRequest request, Model model, Locale locale) {
        Optional<Session> current = CurrentSession.get();
        if (current.isEmpty()) {
            return;
        }
        Session session = current.get();
        String path = request.getRequestURI();
        boolean home = "/settings".equals(path);
        if (!home && !CheckupPaths.SECURITY.equals(path)) {
            return;
        }
        Optional<PendingDeletion> pending = deletion.pending(session.accountId());
        pending.ifPresent(p -> {
            model.addAttribute("deletionPendingAt", formats.dateTime(p.dueAt(), locale));
            model.addAttribute("deletionPendingAtIso", formats.iso(p.dueAt()));
        });
        if (home && checkup.nudgeShownTo(session)) {
            model.addAttribute("checkupNudge", view.summary(checkup.check(session), locale));
        }
        if (!home) {
            for (String flag : new String[] {"session-ended", "session-gone", "others-ended", "password-changed"}) {
                if (request.getParameter(flag) != null) {
                    model.addAttribute("notice", texts.text("security.notice." + flag.replace('-', '_'), locale));
                }
            }
        }
    }
}
