package dev.aikagi.server.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Names the application that sent the person here on the pages of a login (password, codes, "try another
 * way", sign-up, recovery): the model attribute {@value #ATTRIBUTE} holds its name, or is absent.
 */
@ControllerAdvice(basePackages = {"dev.aikagi.server.login", "dev.aikagi.server.account", "dev.aikagi.server.recovery"})
public class WaitingApplicationAdvice {

    public static final String ATTRIBUTE = "askingApplication";

    private final WaitingApplications applications;

    WaitingApplicationAdvice(WaitingApplications applications) {
        this.applications = Objects.requireNonNull(applications, "applications");
    }

    @ModelAttribute
    void application(HttpServletRequest request, Model model) {
        if (request.getRequestURI().startsWith("/api/")) {
            return;
        }
        applications.waiting(request).ifPresent(a -> model.addAttribute(ATTRIBUTE, a.name()));
    }
}
