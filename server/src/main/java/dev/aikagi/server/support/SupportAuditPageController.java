package dev.aikagi.server.support;

import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.account.Username;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditLog;
import dev.aikagi.core.audit.AuditQuery;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.server.web.PageErrors;
import dev.aikagi.server.web.PageFormats;
import dev.aikagi.server.web.PageInputs;
import dev.aikagi.server.web.PageMessages;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit log for operators, in the support console (its gate admits agents only): search by account,
 * type and time range, and export what was found as CSV or JSON. Reading only — the application has no
 * way to change or delete an event.
 */
@Controller
public class SupportAuditPageController {

    public static final String PAGE = "/support/audit";
    static final int PAGE_LIMIT = 200;
    static final int EXPORT_LIMIT = 10_000;

    /** The filters as typed; empty parts match everything. */
    record Filters(String username, String type, String from, String until) {
    }

    /** One row, as shown and exported. */
    record Row(String id, String at, String type, String username, String accountId, String clientAddress,
               Map<String, String> details) {
    }

    private final AuditLog log;
    private final AccountRepository accounts;
    private final PageFormats formats;
    private final PageErrors errors;

    SupportAuditPageController(AuditLog log, AccountRepository accounts, PageFormats formats, PageErrors errors) {
        this.log = Objects.requireNonNull(log, "log");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.formats = Objects.requireNonNull(formats, "formats");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    @GetMapping(PAGE)
    String search(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String type,
                  @RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String until,
                  Model model, Locale locale) {
        Filters filters = new Filters(PageInputs.echo(username), type, PageInputs.echo(from), PageInputs.echo(until));
        model.addAttribute("filters", filters);
        model.addAttribute("types", Arrays.stream(AuditType.values()).map(Enum::name).toList());
        model.addAttribute("exportQuery", exportQuery(filters));
        Optional<AuditQuery> query = query(filters, PAGE_LIMIT);
        if (query.isEmpty()) {
            model.addAttribute("error", errors.text("support.audit.error.filters", locale));
            model.addAttribute("rows", List.of());
            return "support-audit";
        }
        model.addAttribute("rows", rows(log.search(query.get()), locale));
        return "support-audit";
    }

    /** U+FEFF, which UTF-8 writes as EF BB BF: tells Excel the file is UTF-8. */
    static final String UTF8_BOM = "\uFEFF";

    @GetMapping(PAGE + ".csv")
    ResponseEntity<byte[]> csv(@RequestParam(defaultValue = "") String username,
                               @RequestParam(defaultValue = "") String type, @RequestParam(defaultValue = "") String from,
                               @RequestParam(defaultValue = "") String until) {
        Optional<AuditQuery> query = query(new Filters(username, type, from, until), EXPORT_LIMIT);
        if (query.isEmpty()) {
            return ResponseEntity.badRequest().build();
        }
        // The UTF-8 byte-order mark first: without it Excel (in Japanese, Shift_JIS by default) garbles the names.
        StringBuilder out = new StringBuilder(UTF8_BOM + "id,at,type,account_id,username,client_address,details\r\n");
        for (Row row : rows(log.search(query.get()), null)) {
            out.append(String.join(",", csvField(row.id()), csvField(row.at()), csvField(row.type()),
                    csvField(row.accountId()), csvField(row.username()), csvField(row.clientAddress()),
                    csvField(row.details().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining("; "))))).append("\r\n");
        }
        return download(out.toString().getBytes(StandardCharsets.UTF_8), "text/csv; charset=UTF-8", "audit.csv");
    }

    @GetMapping(PAGE + ".json")
    ResponseEntity<List<Map<String, Object>>> json(@RequestParam(defaultValue = "") String username,
                                                   @RequestParam(defaultValue = "") String type,
                                                   @RequestParam(defaultValue = "") String from,
                                                   @RequestParam(defaultValue = "") String until) {
        Optional<AuditQuery> query = query(new Filters(username, type, from, until), EXPORT_LIMIT);
        if (query.isEmpty()) {
            return ResponseEntity.badRequest().build();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row row : rows(log.search(query.get()), null)) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("id", row.id());
            event.put("at", row.at());
            event.put("type", row.type());
            event.put("accountId", row.accountId().isEmpty() ? null : row.accountId());
            event.put("username", row.username().isEmpty() ? null : row.username());
            event.put("clientAddress", row.clientAddress().isEmpty() ? null : row.clientAddress());
            event.put("details", row.details());
            out.add(event);
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("audit.json").build()
                        .toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(out);
    }

    /**
     * The query, or empty when a filter cannot be read. An unknown username matches no event (an id no
     * account has), rather than every event.
     */
    private Optional<AuditQuery> query(Filters filters, int limit) {
        Optional<AccountId> account = Optional.empty();
        if (!filters.username().isBlank()) {
            account = Optional.of(Username.canonical(filters.username().strip()).flatMap(accounts::findByUsername)
                    .map(Account::id).orElse(new AccountId(new java.util.UUID(0, 0))));
        }
        Set<AuditType> types = Set.of();
        if (!filters.type().isBlank()) {
            try {
                types = Set.of(AuditType.valueOf(filters.type().strip()));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        Optional<Optional<Instant>> from = instant(filters.from(), false);
        Optional<Optional<Instant>> until = instant(filters.until(), true);
        if (from.isEmpty() || until.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AuditQuery(account, types, from.get(), until.get(), limit));
    }

    /**
     * A time typed as {@code 2026-11-25} or {@code 2026-11-25T09:30} (what {@code <input type=datetime-local>}
     * sends), in the operator's zone; a date alone as {@code until} means the end of that day. Empty inside:
     * no filter. Empty outside: unreadable.
     */
    private Optional<Optional<Instant>> instant(String text, boolean endOfDay) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return Optional.of(Optional.empty());
        }
        try {
            if (t.length() == 10) {
                LocalDate day = LocalDate.parse(t);
                return Optional.of(Optional.of((endOfDay ? day.plusDays(1) : day).atStartOfDay(formats.zone()).toInstant()));
            }
            return Optional.of(Optional.of(LocalDateTime.parse(t).atZone(formats.zone()).toInstant()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private List<Row> rows(List<AuditEvent> events, Locale locale) {
        Map<AccountId, String> names = new HashMap<>();
        return events.stream().map(e -> new Row(e.id().toString(),
                locale == null ? e.at().toString() : formats.dateTime(e.at(), locale),
                locale == null ? e.type().name() : errors.text(PageMessages.auditType(e.type()), locale),
                e.accountId() == null ? "" : names.computeIfAbsent(e.accountId(),
                        id -> accounts.findById(id).map(Account::username).orElse("")),
                e.accountId() == null ? "" : e.accountId().toString(),
                e.clientAddress() == null ? "" : e.clientAddress(),
                e.details())).toList();
    }

    private static String exportQuery(Filters filters) {
        return "username=" + encode(filters.username()) + "&type=" + encode(filters.type()) + "&from="
                + encode(filters.from()) + "&until=" + encode(filters.until());
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }

    /**
     * One CSV field, always quoted. A value a spreadsheet would run as a formula ({@code = + - @}, tab,
     * carriage return) gets a leading apostrophe (OWASP CSV Injection).
     */
    static String csvField(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }

    private static ResponseEntity<byte[]> download(byte[] body, String type, String name) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(type))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body);
    }
}
