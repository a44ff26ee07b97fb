package dev.aikagi.server.support;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.recovery.RecoveryPolicy;
import dev.aikagi.core.recovery.RecoveryService;
import dev.aikagi.core.support.SupportFailure;
import dev.aikagi.core.support.SupportService;
import dev.aikagi.server.web.ClientAddresses;
import dev.aikagi.server.web.PageErrors;
import dev.aikagi.server.web.PageInputs;
import dev.aikagi.server.web.PageModelAdvice;
import dev.aikagi.server.web.WebCookies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The public side of support (product journey 8): the request form, for people who cannot recover their
 * account by themselves, and the approval's single-use link, which leads into the last step of recovery.
 * The form answers the same for known and unknown usernames.
 */
@Controller
public class SupportRequestPageController {

    static final String REQUEST = "/support/request";
    static final String SENT = "/support/request/sent";
    static final String CONTINUE = "/support/continue";

    private final SupportService support;
    private final RecoveryService recovery;
    private final WebCookies cookies;
    private final PageErrors errors;

    SupportRequestPageController(SupportService support, RecoveryService recovery, WebCookies cookies,
                                 PageErrors errors) {
        this.support = Objects.requireNonNull(support, "support");
        this.recovery = Objects.requireNonNull(recovery, "recovery");
        this.cookies = Objects.requireNonNull(cookies, "cookies");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    @GetMapping(REQUEST)
    String form(Model model) {
        model.addAttribute("maxMegabytes", megabytes());
        model.addAttribute("maxFiles", support.policy().maxFiles());
        return "support-request";
    }

    @PostMapping(REQUEST)
    String submit(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String contact,
                  @RequestParam(defaultValue = "") String statement,
                  @RequestParam(name = "files", required = false) List<MultipartFile> files,
                  HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        List<SupportService.Upload> uploads = new ArrayList<>();
        for (MultipartFile file : files == null ? List.<MultipartFile>of() : files) {
            if (file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank())) {
                continue; // the browser sends an empty part when no file was chosen
            }
            uploads.add(new SupportService.Upload(file.getOriginalFilename(), bytes(file)));
        }
        Outcome<java.util.UUID, SupportFailure> opened = support.open(
                new SupportService.Request(username, contact, statement, locale.getLanguage()), uploads,
                ClientAddresses.of(request));
        if (opened.isDone()) {
            return "redirect:" + SENT;
        }
        SupportFailure failure = opened.refusal().orElseThrow();
        errors.show(SupportFailures.of(failure, megabytes(), support.policy().maxFiles()), response, model, locale);
        model.addAttribute("username", PageInputs.echo(username));
        model.addAttribute("contact", PageInputs.echo(contact));
        model.addAttribute("statement", statement.length() > SupportService.MAX_STATEMENT_LENGTH
                ? statement.substring(0, SupportService.MAX_STATEMENT_LENGTH) : statement);
        model.addAttribute(PageModelAdvice.LANG_BASE, PageModelAdvice.langBase(REQUEST));
        return form(model);
    }

    @GetMapping(SENT)
    String sent() {
        return "support-request-sent";
    }

    /** The link from the approval email. A GET changes nothing (mail scanners open links): the button does. */
    @GetMapping(CONTINUE)
    String continuePage(@RequestParam(defaultValue = "") String token, Model model) {
        model.addAttribute("token", PageInputs.echo(token));
        return "support-continue";
    }

    /**
     * Uses the link once, then hands over to the recovery pages: the recovery case's cookie gets a fresh recovery
     * token for the case (no agent ever saw it), as if the person had proven themselves there, and the waiting
     * page takes it from here.
     */
    @PostMapping(CONTINUE)
    String useLink(@RequestParam(defaultValue = "") String token, HttpServletRequest request,
                   HttpServletResponse response, Model model) {
        Outcome<SupportService.LinkUsed, SupportFailure> used = support.useLink(token, ClientAddresses.of(request));
        if (!used.isDone()) {
            response.setStatus(SupportFailures.of(used.refusal().orElseThrow(), 0, 0).status().value());
            model.addAttribute("invalid", true);
            return "support-continue";
        }
        RecoveryPolicy policy = recovery.policy();
        cookies.write(response, cookies.recoveryName(), used.doneValue().get().recoveryToken(),
                policy.waitingPeriod().plus(policy.completeWindow()));
        return "redirect:/recovery/waiting";
    }

    public static String failureKey(SupportFailure failure) {
        return SupportFailures.of(failure, 0, 0).key();
    }

    private long megabytes() {
        return Math.max(1, support.policy().uploadMaxBytes() / (1024 * 1024));
    }

    private static byte[] bytes(MultipartFile file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading an uploaded file failed", e);
        }
    }
}
