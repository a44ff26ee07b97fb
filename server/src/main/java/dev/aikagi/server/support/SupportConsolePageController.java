package dev.aikagi.server.support;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.account.Username;
import dev.aikagi.core.support.Evidence;
import dev.aikagi.core.support.SupportCase;
import dev.aikagi.core.support.SupportDecisions;
import dev.aikagi.core.support.SupportEvidence;
import dev.aikagi.core.support.SupportFailure;
import dev.aikagi.core.support.SupportService;
import dev.aikagi.core.support.SupportState;
import dev.aikagi.server.web.ClientAddresses;
import dev.aikagi.server.web.Devices;
import dev.aikagi.server.web.PageErrors;
import dev.aikagi.server.web.PageFormats;
import dev.aikagi.server.web.PageInputs;
import dev.aikagi.server.web.PageMessages;
import dev.aikagi.server.web.PageModelAdvice;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The support console for agents (product journey 8): the queue, a case with its evidence beside what the
 * system knows, and approve or reject with a reason. {@link SupportAgents} admits only agents; everyone
 * else gets 404 before reaching these handlers.
 */
@Controller
class SupportConsolePageController {

    static final String QUEUE = "/support";
    static final String CASE = "/support/cases/{id}";
    private static final int QUEUE_LIMIT = 200;

    /** One row of the queue. */
    record Row(String id, String shortId, String username, String state, String created, String age) {
    }

    /** A login the system saw, as the case page shows it. */
    record Login(String at, String type, String device, String network) {
    }

    record Channel(String kind, String masked, String verifiedAt) {
    }

    record File(String id, String name, String type, long kilobytes) {
    }

    private final SupportEvidence support;
    private final SupportDecisions decisions;
    private final AccountRepository accounts;
    private final PageFormats formats;
    private final PageErrors errors;
    private final Clock clock;

    SupportConsolePageController(SupportEvidence support, SupportDecisions decisions, AccountRepository accounts,
                                 PageFormats formats, PageErrors errors, Clock clock) {
        this.support = Objects.requireNonNull(support, "support");
        this.decisions = Objects.requireNonNull(decisions, "decisions");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.formats = Objects.requireNonNull(formats, "formats");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @GetMapping(QUEUE)
    String queue(@RequestParam(defaultValue = "OPEN") String state, @RequestParam(defaultValue = "0") int minAgeHours,
                 Model model, Locale locale) {
        Optional<SupportState> filter = SupportState.parse(state);
        int hours = Math.max(0, Math.min(minAgeHours, 24 * 365));
        List<Row> rows = support.queue(filter, Duration.ofHours(hours), QUEUE_LIMIT).stream()
                .map(c -> new Row(c.id().toString(), SupportService.shortId(c.id()), c.username(), c.state().name(),
                        formats.dateTime(c.createdAt(), locale), age(c, locale)))
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute("state", filter.map(SupportState::name).orElse("ALL"));
        model.addAttribute("minAgeHours", hours);
        model.addAttribute("states", List.of("OPEN", "APPROVED", "REJECTED", "CLOSED", "ALL"));
        return "support-queue";
    }

    @GetMapping(CASE)
    String casePage(@PathVariable String id, HttpServletRequest request, Model model, Locale locale) {
        SupportService.CaseView view = PageInputs.uuid(id).flatMap(support::view)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        SupportCase c = view.supportCase();
        model.addAttribute("caseId", c.id().toString());
        model.addAttribute("shortId", SupportService.shortId(c.id()));
        model.addAttribute("username", c.username());
        model.addAttribute("contact", c.contactEmail());
        model.addAttribute("language", c.language());
        model.addAttribute("statement", c.statement());
        model.addAttribute("state", c.state().name());
        model.addAttribute("created", formats.dateTime(c.createdAt(), locale));
        model.addAttribute("age", age(c, locale));
        model.addAttribute("open", c.state() == SupportState.OPEN);
        model.addAttribute("reason", c.reason());
        model.addAttribute("decided", c.decidedAt() == null ? null : formats.dateTime(c.decidedAt(), locale));
        model.addAttribute("approvals", c.approvals().stream().map(this::agentName).toList());
        model.addAttribute("twoApprovals", support.policy().requireTwoApprovals());
        AccountId agent = (AccountId) request.getAttribute(SupportAgents.AGENT);
        model.addAttribute("approvedByMe", agent.equals(c.firstApprover()));
        model.addAttribute("files", view.evidence().stream()
                .map(e -> new File(e.id().toString(), e.fileName(), e.type().mediaType(), (e.size() + 1023) / 1024))
                .toList());
        model.addAttribute("known", view.account().isPresent());
        model.addAttribute("lookalikes", lookalikes(c));
        view.account().ifPresent(facts -> {
            model.addAttribute("accountCreated", formats.dateTime(facts.createdAt(), locale));
            model.addAttribute("channels", facts.channels().stream()
                    .map(ch -> new Channel(ch.kind().value(), ch.masked(), formats.dateTime(ch.verifiedAt(), locale)))
                    .toList());
            model.addAttribute("logins", facts.logins().stream()
                    .map(l -> new Login(formats.dateTime(l.at(), locale),
                            errors.text(PageMessages.auditType(l.type()), locale),
                            Devices.render(l.device(), key -> errors.text(key, locale)), l.network()))
                    .toList());
        });
        return "support-case";
    }

    @PostMapping(CASE + "/approve")
    String approve(@PathVariable String id, @RequestParam(defaultValue = "") String reason, HttpServletRequest request,
                   HttpServletResponse response, Model model, Locale locale) {
        UUID caseId = PageInputs.uuid(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Outcome<SupportService.Approval, SupportFailure> outcome = decisions.approve(caseId, agent(request), reason,
                ClientAddresses.of(request));
        if (outcome.isDone()) {
            return "redirect:" + QUEUE + "/cases/" + caseId + "?" + (outcome.doneValue().get()
                    == SupportService.Approval.APPROVED ? "approved" : "first-approval");
        }
        return refused(id, outcome.refusal().orElseThrow(), request, response, model, locale);
    }

    @PostMapping(CASE + "/reject")
    String reject(@PathVariable String id, @RequestParam(defaultValue = "") String reason, HttpServletRequest request,
                  HttpServletResponse response, Model model, Locale locale) {
        UUID caseId = PageInputs.uuid(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Outcome<SupportState, SupportFailure> outcome = decisions.reject(caseId, agent(request), reason,
                ClientAddresses.of(request));
        if (outcome.isDone()) {
            return "redirect:" + QUEUE + "/cases/" + caseId + "?rejected";
        }
        return refused(id, outcome.refusal().orElseThrow(), request, response, model, locale);
    }

    /**
     * A file of the request, decrypted, as a download: never shown inline, with the type we detected and a
     * file name of ours, so nothing the requester chose reaches a header or the browser's sniffing.
     */
    @GetMapping(CASE + "/files/{fileId}")
    ResponseEntity<byte[]> file(@PathVariable String id, @PathVariable String fileId, HttpServletRequest request) {
        Optional<UUID> caseId = PageInputs.uuid(id);
        Optional<UUID> evidenceId = PageInputs.uuid(fileId);
        if (caseId.isEmpty() || evidenceId.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        Optional<SupportService.OpenedEvidence> opened = support.openEvidence(caseId.get(), evidenceId.get(),
                agent(request), ClientAddresses.of(request));
        if (opened.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        Evidence e = opened.get().evidence();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(e.type().mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("evidence-" + SupportService.shortId(e.id()) + "." + e.type().extension())
                        .build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(opened.get().content());
    }

    private String refused(String id, SupportFailure failure, HttpServletRequest request, HttpServletResponse response,
                           Model model, Locale locale) {
        if (failure == SupportFailure.NOT_FOUND) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        errors.show(SupportFailures.of(failure, 0, 0), response, model, locale);
        model.addAttribute(PageModelAdvice.LANG_BASE, PageModelAdvice.langBase(QUEUE + "/cases/" + id));
        return casePage(id, request, model, locale);
    }

    private static AccountId agent(HttpServletRequest request) {
        return (AccountId) Objects.requireNonNull(request.getAttribute(SupportAgents.AGENT),
                "the console gate did not run");
    }

    /**
     * Other accounts whose usernames look the same as the case's (the same Unicode TS #39 skeleton: issue 14,
     * point 5): a request for {@code pаypal77} with a Cyrillic а beside the account {@code paypal77}.
     */
    private List<String> lookalikes(SupportCase c) {
        String typed = c.username().strip();
        String name = Username.canonical(typed).orElse(typed.toLowerCase(Locale.ROOT));
        return accounts.findBySkeleton(Username.skeleton(name)).stream()
                .filter(a -> c.accountId().map(id -> !id.equals(a.id())).orElse(true))
                .map(Account::username)
                .toList();
    }

    private String agentName(AccountId id) {
        return accounts.findById(id).map(Account::username).orElse(id.toString());
    }

    private String age(SupportCase c, Locale locale) {
        Duration age = Duration.between(c.createdAt(), clock.instant());
        long hours = Math.max(0, age.toHours());
        return hours < 48 ? errors.text("support.age.hours", locale, hours)
                : errors.text("support.age.days", locale, hours / 24);
    }
}
