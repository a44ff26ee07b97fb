package dev.aikagi.server.web;

import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.factor.backup.BackupCodeView;
import dev.aikagi.core.factor.backup.BackupCodes;
import dev.aikagi.core.factor.backup.IssuedBackupCodes;
import dev.aikagi.core.session.Session;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The page that shows a set of backup codes (just made, or shown again after the password), its
 * print view, and the text file of a download. Codes appear only in the body of the response that
 * shows them: never in a URL, a log or a cache (every page is sent {@code Cache-Control: no-store}).
 */
@Component
public final class ShownCodes {

    /** One code as shown: {@code 1234 5678}, and whether it was used. */
    public record Code(String code, boolean used) {
        @Override
        public String toString() {
            return "Code[used=" + used + "]";
        }
    }

    public static final String FILE_NAME = "aikagi-backup-codes.txt";

    private final BackupCodes backupCodes;
    private final AccountRepository accounts;
    private final PageFormats formats;
    private final PageErrors errors;

    ShownCodes(BackupCodes backupCodes, AccountRepository accounts, PageFormats formats, PageErrors errors) {
        this.backupCodes = Objects.requireNonNull(backupCodes, "backupCodes");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.formats = Objects.requireNonNull(formats, "formats");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    /** A set just made: the person ticks "I have saved these codes" to go on. */
    public String issued(Session session, IssuedBackupCodes issued, Model model, Locale locale) {
        List<Code> codes = issued.displayed().stream().map(c -> new Code(c, false)).toList();
        fill(session.accountId(), issued.createdAt(), codes, true, model, locale);
        return "backup-codes-shown";
    }

    /** The current set shown again, used codes marked. */
    public String revealed(Session session, BackupCodeView view, Model model, Locale locale) {
        fill(session.accountId(), view.createdAt(), codes(view), false, model, locale);
        return "backup-codes-shown";
    }

    public static List<Code> codes(BackupCodeView view) {
        return view.entries().stream()
                .filter(e -> e.code().isPresent())
                .map(e -> new Code(e.code().get(), e.usedAt().isPresent()))
                .toList();
    }

    /** The downloadable text: the codes, whose account, when they were made, and how to keep them. */
    public String text(AccountId accountId, Instant createdAt, List<Code> codes, Locale locale) {
        StringBuilder out = new StringBuilder();
        out.append(errors.text("backup_codes.file.title", locale)).append('\n');
        out.append(errors.text("backup_codes.file.account", locale, username(accountId))).append('\n');
        out.append(errors.text("backup_codes.file.created", locale, formats.dateTime(createdAt, locale))).append("\n\n");
        String usedMark = errors.text("backup_codes.used", locale);
        for (Code code : codes) {
            out.append(code.code());
            if (code.used()) {
                out.append("  (").append(usedMark).append(')');
            }
            out.append('\n');
        }
        out.append('\n').append(errors.text("backup_codes.file.once", locale)).append('\n');
        out.append(errors.text("backup_codes.storage_advice", locale)).append('\n');
        return out.toString();
    }

    private void fill(AccountId accountId, Instant createdAt, List<Code> codes, boolean fresh, Model model,
                      Locale locale) {
        String methodsPath = SettingsPaths.methodsPath(accountId);
        boolean showOnce = backupCodes.policy().showOnce();
        model.addAttribute("accountId", accountId.toString());
        model.addAttribute("methodsPath", methodsPath);
        model.addAttribute("codesPath", methodsPath + "/backup-codes");
        model.addAttribute("codes", codes);
        model.addAttribute("fresh", fresh);
        model.addAttribute("showOnce", showOnce);
        model.addAttribute("createdAt", formats.dateTime(createdAt, locale));
        model.addAttribute("createdAtIso", formats.iso(createdAt));
        model.addAttribute(PageModelAdvice.LANG_BASE, PageModelAdvice.langBase(methodsPath + "/backup-codes"));
        if (showOnce) {
            // Nobody can fetch these codes again, so the download is made from this very page.
            model.addAttribute("downloadHref", "data:text/plain;charset=utf-8,"
                    + URLEncoder.encode(text(accountId, createdAt, codes, locale), StandardCharsets.UTF_8).replace("+", "%20"));
        }
    }

    public String username(AccountId id) {
        return accounts.findById(id).map(Account::username).orElse("");
    }
}
