package dev.aikagi.demo;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Instant;
import java.util.Objects;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The demo's three pages: home (log in, or why the last login failed), the signed-in page, and the refresh button. */
@Controller
class DemoController {

    /** The registration id in application.yml, and the last part of the redirect URI. */
    static final String REGISTRATION = "aikagi";

    private final OAuth2AuthorizedClientRepository authorizedClients;
    private final OAuth2AuthorizedClientManager refreshing;

    DemoController(OAuth2AuthorizedClientRepository authorizedClients,
            @Qualifier("refreshingClientManager") OAuth2AuthorizedClientManager refreshing) {
        this.authorizedClients = Objects.requireNonNull(authorizedClients, "authorizedClients");
        this.refreshing = Objects.requireNonNull(refreshing, "refreshing");
    }

    @GetMapping("/")
    String home(@RequestParam(name = "error", required = false) String error, @AuthenticationPrincipal OidcUser user,
            HttpServletRequest request, Model model) {
        if (error != null) {
            HttpSession session = request.getSession(false);
            Object failure = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            if (failure instanceof AuthenticationException exception) {
                model.addAttribute("failure", ProviderError.of(exception));
                // Shown once: a reload of the page, or the next visit, starts clean.
                session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            }
        }
        model.addAttribute("user", user == null ? null : displayName(user));
        return "home";
    }

    @GetMapping(DemoSecurity.SIGNED_OUT)
    String signedOut(@AuthenticationPrincipal OidcUser user, Model model) {
        model.addAttribute("signedOut", true);
        model.addAttribute("user", user == null ? null : displayName(user));
        return "home";
    }

    @GetMapping("/me")
    String me(@AuthenticationPrincipal OidcUser user, Authentication authentication, HttpServletRequest request, Model model) {
        OAuth2AuthorizedClient client = authorizedClients.loadAuthorizedClient(REGISTRATION, authentication, request);
        model.addAttribute("me", SignedIn.of(user, client));
        return "me";
    }

    /** Uses the refresh token now, and tells the page whether the access token changed. */
    @PostMapping("/refresh")
    String refresh(Authentication authentication, HttpServletRequest request, HttpServletResponse response,
            RedirectAttributes redirect) {
        OAuth2AuthorizedClient before = authorizedClients.loadAuthorizedClient(REGISTRATION, authentication, request);
        if (before == null || before.getRefreshToken() == null) {
            redirect.addFlashAttribute("refreshProblem", "Aikagi gave this client no refresh token "
                    + "(public clients and clients without the refresh_token grant get none).");
            return "redirect:/me";
        }
        try {
            OAuth2AuthorizedClient after = refreshing.authorize(OAuth2AuthorizeRequest.withAuthorizedClient(before)
                    .principal(authentication)
                    .attribute(HttpServletRequest.class.getName(), request)
                    .attribute(HttpServletResponse.class.getName(), response)
                    .build());
            String old = SignedIn.fingerprint(before.getAccessToken());
            String now = SignedIn.fingerprint(after.getAccessToken());
            redirect.addFlashAttribute("refreshed", new Refreshed(old, now, !old.equals(now),
                    SignedIn.toSeconds(after.getAccessToken().getExpiresAt()), after.getRefreshToken() != null
                    && !after.getRefreshToken().getTokenValue().equals(before.getRefreshToken().getTokenValue())));
        } catch (ClientAuthorizationException e) {
            redirect.addFlashAttribute("refreshProblem", "Aikagi refused the refresh token: "
                    + e.getError().getErrorCode() + (e.getError().getDescription() == null ? "" : " (" + e.getError().getDescription() + ")")
                    + ". Log in again.");
        }
        return "redirect:/me";
    }

    /** The outcome of the refresh button. */
    record Refreshed(String before, String after, boolean changed, Instant expiresAt, boolean newRefreshToken) {
    }

    private static String displayName(OidcUser user) {
        return user.getPreferredUsername() != null ? user.getPreferredUsername() : user.getSubject();
    }
}
