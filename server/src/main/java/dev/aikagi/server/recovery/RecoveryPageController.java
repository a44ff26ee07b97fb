package dev.aikagi.server.recovery;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.factor.backup.BackupCodeView;
import dev.aikagi.core.factor.backup.BackupCodes;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.recovery.Proof;
import dev.aikagi.core.recovery.RecoveryCompletion;
import dev.aikagi.core.recovery.RecoveryFailure;
import dev.aikagi.core.recovery.RecoveryPolicy;
import dev.aikagi.core.recovery.RecoveryService;
import dev.aikagi.core.recovery.RecoveryState;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.session.Sessions;
import dev.aikagi.core.settings.PasswordChange;
import dev.aikagi.core.settings.SettingsProblem;
import dev.aikagi.server.web.ClientAddresses;
import dev.aikagi.server.web.PageErrors;
import dev.aikagi.server.web.PageFormats;
import dev.aikagi.server.web.PageInputs;
import dev.aikagi.server.web.PageModelAdvice;
import dev.aikagi.server.web.SettingsFailures;
import dev.aikagi.server.web.ShownCodes;
import dev.aikagi.server.web.WebCookies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Account recovery on the hosted pages (product journey 7), the same steps as the JSON API: a username,
 * two proofs (codes sent to the account's email and phone, or one of them and the password), the waiting
 * period, then new backup codes and a new password. The recovery's token (issue 14: whoever holds it holds the
 * case) travels in its own cookie; the case's id, which the audit log shows, is never in a cookie or a URL.
 *
 * <p>Known and unknown usernames see the same pages with the same statuses: the proof page never names a
 * channel or shows an address, and a send always answers "if this account has one, we sent a code". The
 * session a completed recovery opens lives in a cookie of its own, so it never counts as a sign-in on the
 * other pages; it ends as soon as the new password is set.
 */
@Controller
class RecoveryPageController {

    static final String START = "/recovery";
    static final String PROOFS = "/recovery/proofs";
    static final String WAITING = "/recovery/waiting";
    static final String CODES = "/recovery/codes";
    static final String PASSWORD = "/recovery/password";
    static final String DONE = "/recovery/done";

    /** How long the browser keeps the recovery's token: as long as the case can be used at all. */
    private final Duration caseCookieAge;
    private final RecoveryService recovery;
    private final RecoveryCompletion completion;
    private final PasswordChange passwords;
    private final BackupCodes backupCodes;
    private final ShownCodes shownCodes;
    private final Sessions sessions;
    private final WebCookies cookies;
    private final PageErrors errors;
    private final PageFormats formats;

    RecoveryPageController(RecoveryService recovery, RecoveryCompletion completion, PasswordChange passwords,
                           BackupCodes backupCodes, ShownCodes shownCodes, Sessions sessions, WebCookies cookies,
                           PageErrors errors, PageFormats formats) {
        this.recovery = Objects.requireNonNull(recovery, "recovery");
        this.completion = Objects.requireNonNull(completion, "completion");
        this.passwords = Objects.requireNonNull(passwords, "passwords");
        this.backupCodes = Objects.requireNonNull(backupCodes, "backupCodes");
        this.shownCodes = Objects.requireNonNull(shownCodes, "shownCodes");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.cookies = Objects.requireNonNull(cookies, "cookies");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.formats = Objects.requireNonNull(formats, "formats");
        RecoveryPolicy policy = recovery.policy();
        this.caseCookieAge = policy.proofWindow().plus(policy.waitingPeriod()).plus(policy.completeWindow());
    }

    /** The start: a username. Nothing is filled in, even coming from a login (the flow's name is never shown). */
    @GetMapping(START)
    String startPage(HttpServletRequest request, Model model, Locale locale) {
        if (request.getParameter("expired") != null) {
            model.addAttribute("error", errors.text(RecoveryFailures.of(RecoveryFailure.NOT_FOUND, Optional.empty()),
                    locale));
        }
        model.addAttribute("username", "");
        return "recovery-start";
    }

    @PostMapping(START)
    String start(@RequestParam(required = false) String username, HttpServletRequest request,
                 HttpServletResponse response, Model model, Locale locale) {
        Outcome<RecoveryService.Started, RecoveryFailure> started = recovery.start(username == null ? "" : username,
                ClientAddresses.of(request));
        if (started.isDone()) {
            cookies.write(response, cookies.recoveryName(), started.doneValue().get().token(), caseCookieAge);
            return "redirect:" + PROOFS;
        }
        refusal(started, response, model, locale);
        model.addAttribute("username", PageInputs.echo(username));
        model.addAttribute(PageModelAdvice.LANG_BASE, PageModelAdvice.langBase(START));
        return "recovery-start";
    }

    /** The proofs: "Email me a code", "Text me a code", "I know my password". */
    @GetMapping(PROOFS)
    String proofsPage(@RequestParam(required = false) String sent, @RequestParam(required = false) String accepted,
                      HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        Optional<Held> id = held(request);
        if (id.isEmpty()) {
            return "redirect:" + START + "?expired";
        }
        Outcome<RecoveryService.Status, RecoveryFailure> status = recovery.status(id.get().id(), id.get().token());
        if (!status.isDone()) {
            cookies.clear(response, cookies.recoveryName());
            return "redirect:" + START + "?expired";
        }
        RecoveryState state = status.doneValue().get().state();
        if (state == RecoveryState.WAITING || state == RecoveryState.READY) {
            return "redirect:" + WAITING;
        }
        if (state != RecoveryState.NEEDS_MORE_PROOF) {
            return ended(state, response, model, locale);
        }
        Set<String> shown = channels(sent);
        proofsModel(shown, model);
        Optional<Proof> acceptedProof = Optional.ofNullable(accepted).flatMap(Proof::parse);
        if (acceptedProof.isPresent()) {
            model.addAttribute("notice", errors.text("recovery.proofs.accepted", locale));
        } else if (!shown.isEmpty()) {
            String last = shown.stream().reduce((a, b) -> b).orElseThrow();
            model.addAttribute("notice", errors.text("recovery.proofs.sent." + last, locale));
        }
        return "recovery-proofs";
    }

    /** Sends a code by {@code email} or {@code sms}; the answer is the same whether the channel exists. */
    @PostMapping("/recovery/send")
    String send(@RequestParam(required = false) String channel, @RequestParam(required = false) String sent,
                HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        Optional<Held> id = held(request);
        if (id.isEmpty()) {
            return "redirect:" + START + "?expired";
        }
        Outcome<RecoveryService.CodeSent, RecoveryFailure> result = recovery.sendCode(id.get().id(), id.get().token(),
                channel == null ? "" : channel, ClientAddresses.of(request));
        Set<String> shown = channels(sent);
        if (result.isDone()) {
            shown.remove(result.doneValue().get().channel().value());
            shown.add(result.doneValue().get().channel().value());
            return "redirect:" + PROOFS + "?sent=" + String.join(",", shown);
        }
        return refusedStep(result, shown, response, model, locale);
    }

    /** One proof: the code of a channel, or the password. */
    @PostMapping("/recovery/verify")
    String verify(@RequestParam(required = false) String channel, @RequestParam(required = false) String code,
                  @RequestParam(required = false) String password, @RequestParam(required = false) String sent,
                  HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        Optional<Held> id = held(request);
        if (id.isEmpty()) {
            return "redirect:" + START + "?expired";
        }
        String name = channel == null ? "" : channel;
        String secret = Proof.PASSWORD.value().equals(name) ? password : code;
        Outcome<RecoveryService.Status, RecoveryFailure> result = recovery.verify(id.get().id(), id.get().token(), name,
                secret == null ? "" : secret, ClientAddresses.of(request));
        Set<String> shown = channels(sent);
        if (result.isDone()) {
            RecoveryState state = result.doneValue().get().state();
            if (state == RecoveryState.NEEDS_MORE_PROOF) {
                shown.remove(name);
                return "redirect:" + PROOFS + "?accepted=" + name
                        + (shown.isEmpty() ? "" : "&sent=" + String.join(",", shown));
            }
            return "redirect:" + WAITING;
        }
        return refusedStep(result, shown, response, model, locale);
    }

    /** Waiting: until when, and that every channel was told. Ready: "Continue". Ended: why. */
    @GetMapping(WAITING)
    String waitingPage(HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        Optional<Held> id = held(request);
        if (id.isEmpty()) {
            return "redirect:" + START + "?expired";
        }
        Outcome<RecoveryService.Status, RecoveryFailure> status = recovery.status(id.get().id(), id.get().token());
        if (!status.isDone()) {
            cookies.clear(response, cookies.recoveryName());
            return "redirect:" + START + "?expired";
        }
        RecoveryService.Status current = status.doneValue().get();
        return switch (current.state()) {
            case NEEDS_MORE_PROOF -> "redirect:" + PROOFS;
            case WAITING, READY -> waitingModel(current, model, locale);
            default -> ended(current.state(), response, model, locale);
        };
    }

    /** After the wait: ends every session, issues new backup codes, and shows them (once, in this answer). */
    @PostMapping("/recovery/complete")
    String complete(HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        Optional<Held> id = held(request);
        if (id.isEmpty()) {
            return recoverySession(request).isPresent() ? "redirect:" + CODES : "redirect:" + START + "?expired";
        }
        Outcome<RecoveryService.Completed, RecoveryFailure> done = completion.complete(id.get().id(), id.get().token(),
                Session.Kind.BROWSER, ClientAddresses.of(request));
        if (!done.isDone()) {
            RecoveryFailure failure = done.refusal().orElseThrow();
            if (failure == RecoveryFailure.NOT_READY) {
                return "redirect:" + WAITING;
            }
            if (failure == RecoveryFailure.CLOSED && recoverySession(request).isPresent()) {
                // A second press of "Continue" (or a reload) after it worked: go on where it left off.
                return "redirect:" + CODES;
            }
            if (failure == RecoveryFailure.NOT_FOUND) {
                cookies.clear(response, cookies.recoveryName());
                return "redirect:" + START + "?expired";
            }
            RecoveryState state = recovery.status(id.get().id(), id.get().token()).doneValue()
                    .map(RecoveryService.Status::state)
                    .orElse(RecoveryState.EXPIRED);
            return ended(state, response, model, locale);
        }
        RecoveryService.Completed completed = done.doneValue().get();
        cookies.clear(response, cookies.recoveryName());
        cookies.write(response, cookies.recoverySessionName(), completed.session().token(), Session.IDLE_TIMEOUT);
        List<ShownCodes.Code> codes = completed.backupCodes().displayed().stream()
                .map(c -> new ShownCodes.Code(c, false)).toList();
        codesModel(completed.session().session(), completed.backupCodes().createdAt(), codes, model, locale);
        return "recovery-codes";
    }

    /** The new codes again (a reload, another language), while the operator lets codes be shown again. */
    @GetMapping(CODES)
    String codesPage(HttpServletRequest request, Model model, Locale locale) {
        Optional<Session> session = recoverySession(request);
        if (session.isEmpty()) {
            return "redirect:" + START + "?expired";
        }
        Optional<BackupCodeView> view = backupCodes.view(session.get().accountId(), true);
        List<ShownCodes.Code> codes = view.map(ShownCodes::codes).orElse(List.of());
        codesModel(session.get(), view.map(BackupCodeView::createdAt).orElse(null), codes, model, locale);
        return "recovery-codes";
    }

    @PostMapping(CODES)
    String codesSaved(@RequestParam(required = false) String saved, HttpServletRequest request, Model model,
                      HttpServletResponse response, Locale locale) {
        Optional<Session> session = recoverySession(request);
        if (session.isEmpty()) {
            return "redirect:" + START + "?expired";
        }
        if (saved == null) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("error", errors.text("backup_codes.error.not_saved", locale));
            return codesPage(request, model, locale);
        }
        return "redirect:" + PASSWORD;
    }

    @GetMapping(PASSWORD)
    String passwordPage(HttpServletRequest request) {
        return recoverySession(request).isPresent() ? "recovery-password" : "redirect:" + START + "?expired";
    }

    /** The new password; then the recovery's session ends, and the person logs in with it. */
    @PostMapping(PASSWORD)
    String setPassword(@RequestParam(required = false) String password, HttpServletRequest request,
                       HttpServletResponse response, Model model, Locale locale) {
        Optional<Session> session = recoverySession(request);
        if (session.isEmpty()) {
            return "redirect:" + START + "?expired";
        }
        ClientAddress from = ClientAddresses.of(request);
        Outcome<Integer, SettingsProblem> changed = passwords.change(session.get(), null, password, from);
        if (!changed.isDone()) {
            var problem = changed.refusal().orElseThrow();
            errors.show(SettingsFailures.of(problem, null, changed.retryAt()), response, model, locale);
            model.addAttribute(PageModelAdvice.LANG_BASE, PageModelAdvice.langBase(PASSWORD));
            return "recovery-password";
        }
        sessions.end(session.get());
        cookies.clear(response, cookies.recoverySessionName());
        return "redirect:" + DONE;
    }

    @GetMapping(DONE)
    String donePage() {
        return "recovery-done";
    }

    private String refusedStep(Outcome<?, RecoveryFailure> outcome, Set<String> shown, HttpServletResponse response,
                               Model model, Locale locale) {
        RecoveryFailure failure = outcome.refusal().orElseThrow();
        if (failure == RecoveryFailure.NOT_FOUND) {
            cookies.clear(response, cookies.recoveryName());
            return "redirect:" + START + "?expired";
        }
        if (failure == RecoveryFailure.NOT_READY) {
            return "redirect:" + WAITING;
        }
        refusal(outcome, response, model, locale);
        if (failure == RecoveryFailure.CLOSED) {
            return "recovery-ended";
        }
        proofsModel(shown, model);
        model.addAttribute(PageModelAdvice.LANG_BASE, PageModelAdvice.langBase(PROOFS)
                + (shown.isEmpty() ? "" : "sent=" + String.join(",", shown) + "&"));
        return "recovery-proofs";
    }

    /** The refusal's text, in the reader's language, and its status: always a 4xx ({@link RecoveryFailures}). */
    private void refusal(Outcome<?, RecoveryFailure> outcome, HttpServletResponse response, Model model, Locale locale) {
        errors.show(RecoveryFailures.of(outcome.refusal().orElseThrow(), outcome.retryAt()), response, model, locale);
        model.addAttribute(PageModelAdvice.LANG_BASE, PageModelAdvice.langBase(START));
    }

    /** A recovery that was cancelled, expired or completed: why, and how to start again. */
    private String ended(RecoveryState state, HttpServletResponse response, Model model, Locale locale) {
        response.setStatus(HttpStatus.GONE.value());
        String key = switch (state) {
            case CANCELLED -> "recovery.ended.cancelled";
            case COMPLETED -> "recovery.ended.completed";
            default -> "recovery.ended.expired";
        };
        model.addAttribute("error", errors.text(key, locale));
        model.addAttribute("endedState", state.name().toLowerCase(Locale.ROOT));
        return "recovery-ended";
    }

    private String waitingModel(RecoveryService.Status status, Model model, Locale locale) {
        boolean ready = status.state() == RecoveryState.READY;
        model.addAttribute("ready", ready);
        Instant until = status.waitingUntil().orElse(null);
        model.addAttribute("waitingUntil", until == null ? "" : formats.dateTime(until, locale));
        model.addAttribute("waitingUntilIso", until == null ? "" : formats.iso(until));
        return "recovery-waiting";
    }

    private void proofsModel(Set<String> shown, Model model) {
        model.addAttribute("emailSent", shown.contains(Proof.EMAIL.value()));
        model.addAttribute("smsSent", shown.contains(Proof.SMS.value()));
        model.addAttribute("sent", String.join(",", shown));
    }

    private void codesModel(Session session, Instant createdAt, List<ShownCodes.Code> codes, Model model,
                            Locale locale) {
        model.addAttribute("codes", codes);
        model.addAttribute("hasCodes", !codes.isEmpty());
        model.addAttribute("createdAt", createdAt == null ? "" : formats.dateTime(createdAt, locale));
        model.addAttribute("createdAtIso", createdAt == null ? "" : formats.iso(createdAt));
        model.addAttribute(PageModelAdvice.LANG_BASE, PageModelAdvice.langBase(CODES));
        if (!codes.isEmpty()) {
            // The download is made from this very page: with "show once" nobody can fetch the codes again.
            model.addAttribute("downloadHref", "data:text/plain;charset=utf-8," + URLEncoder.encode(
                    shownCodes.text(session.accountId(), createdAt, codes, locale), StandardCharsets.UTF_8)
                    .replace("+", "%20"));
        }
    }

    /** The channels whose code field is shown: only the two known names, in the order they were asked for. */
    private static Set<String> channels(String sent) {
        Set<String> out = new LinkedHashSet<>();
        if (sent != null && sent.length() <= 32) {
            for (String part : sent.split(",")) {
                if (part.equals(Proof.EMAIL.value()) || part.equals(Proof.SMS.value())) {
                    out.add(part);
                }
            }
        }
        return out;
    }

    /** The case this browser holds: the token from the cookie, and the id of its case. */
    private record Held(UUID id, String token) {
    }

    private Optional<Held> held(HttpServletRequest request) {
        return cookies.read(request, cookies.recoveryName())
                .flatMap(token -> recovery.caseOf(token).map(id -> new Held(id, token)));
    }

    /** The session of a completed recovery, from its own cookie; never a normal sign-in. */
    private Optional<Session> recoverySession(HttpServletRequest request) {
        return cookies.read(request, cookies.recoverySessionName())
                .filter(token -> token.length() <= 128)
                .flatMap(sessions::find)
                .filter(Session::isRecovery);
    }
}
