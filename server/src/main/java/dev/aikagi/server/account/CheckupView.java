package dev.aikagi.server.account;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.settings.SecurityCheckup;
import dev.aikagi.core.settings.SecurityCheckup.Item;
import dev.aikagi.server.web.CheckupPaths;
import dev.aikagi.server.web.PageErrors;
import dev.aikagi.server.web.PageFormats;
import dev.aikagi.server.web.SettingsPaths;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The security checkup in plain words, in the reader's language: one {@link Row} per item, with the one link that
 * fixes it. The page and {@code GET /api/v1/me/checkup} show the same rows.
 */
@Component
class CheckupView {

    /** One item as shown. {@code state} is {@code good} or {@code needs_attention}. */
    record Row(String id, String state, boolean important, String title, String detail, String fixLabel,
               String fixHref, Map<String, String> facts) {
        public boolean good() {
            return "good".equals(state);
        }
    }

    private final PageErrors texts;
    private final PageFormats formats;

    CheckupView(PageErrors texts, PageFormats formats) {
        this.texts = Objects.requireNonNull(texts, "texts");
        this.formats = Objects.requireNonNull(formats, "formats");
    }

    List<Row> rows(SecurityCheckup.Checkup checkup, AccountId account, Locale locale) {
        return checkup.items().stream().map(item -> row(item, account, locale)).toList();
    }

    /** The one-sentence answer to "can I get back in if I lose my phone?". */
    String summary(SecurityCheckup.Checkup checkup, Locale locale) {
        return texts.text(checkup.canRecover() ? "checkup.summary.good" : "checkup.summary.needs_attention", locale);
    }

    static String id(SecurityCheckup.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private Row row(Item item, AccountId account, Locale locale) {
        String id = id(item.kind());
        String state = item.good() ? "good" : "needs_attention";
        String key = "checkup." + id + "." + (item.good() ? "good" : "needs_attention");
        Map<String, String> facts = item.facts();
        String title;
        String detail;
        switch (item.kind()) {
            case SECOND_STEP_KINDS -> {
                int count = Integer.parseInt(facts.getOrDefault("count", "0"));
                String names = kindNames(facts.getOrDefault("kinds", ""), locale);
                title = item.good() ? texts.text(key, locale, count, names)
                        : texts.text(count == 0 ? "checkup.second_step_kinds.none" : key, locale, count, names);
                detail = texts.text(key + ".detail", locale);
            }
            case BACKUP_CODES -> {
                String remaining = facts.getOrDefault("remaining", "0");
                boolean none = !facts.containsKey("createdAt");
                String made = none ? "" : formats.dateTime(Instant.parse(facts.get("createdAt")), locale);
                String base = none ? "checkup.backup_codes.none" : key;
                title = texts.text(base, locale, remaining, made);
                detail = texts.text(base + ".detail", locale, remaining, made);
            }
            case SESSIONS -> {
                title = texts.text(key, locale, facts.getOrDefault("sessions", "1"));
                String trustedDevices = facts.getOrDefault("trustedDevices", "0");
                detail = texts.text(key + ".detail", locale) + ("0".equals(trustedDevices) ? ""
                        : " " + texts.text("checkup.sessions.trusted", locale, trustedDevices));
            }
            case RECENT_EVENTS -> {
                title = texts.text(key, locale, facts.getOrDefault("count", "0"));
                detail = texts.text(key + ".detail", locale);
            }
            default -> {
                title = texts.text(key, locale);
                detail = texts.text(key + ".detail", locale);
            }
        }
        return new Row(id, state, item.kind().important(), title, detail,
                texts.text("checkup." + id + ".fix", locale), fix(item.kind(), account), facts);
    }

    private String kindNames(String kinds, Locale locale) {
        if (kinds.isEmpty()) {
            return "";
        }
        return Arrays.stream(kinds.split(","))
                .map(kind -> texts.text("checkup.kind." + kind, locale))
                .collect(Collectors.joining(texts.text("checkup.kind.separator", locale)));
    }

    /** The one place that fixes the item. */
    static String fix(SecurityCheckup.Kind kind, AccountId account) {
        String methods = SettingsPaths.methodsPath(account);
        return switch (kind) {
            case TWO_STEP, SECOND_STEP_KINDS -> methods;
            case BACKUP_CODES -> methods + "/backup-codes";
            case RECOVERY_EMAIL -> methods + "/email";
            case RECOVERY_PHONE -> methods + "/phone";
            case SESSIONS -> CheckupPaths.SECURITY + "#sessions-heading";
            case RECENT_EVENTS -> CheckupPaths.SECURITY + "#activity-heading";
        };
    }
}
