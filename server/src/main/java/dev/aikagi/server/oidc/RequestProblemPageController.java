package dev.aikagi.server.oidc;

import dev.aikagi.server.web.PageInputs;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * The page of an authorization request that cannot go back to the application ({@link AuthorizationRequestErrors}
 * forwards here): "the redirect_uri … is not registered for the client …", "there is no client …", or the
 * parameter the request got wrong. Reached only by that forward; asked for directly it does not exist.
 */
@Controller
class RequestProblemPageController {

    static final String PATH = "/oauth2/request-problem";

    @GetMapping(PATH)
    String problemOfGet(HttpServletRequest request, HttpServletResponse response, Model model) {
        return problem(request, response, model);
    }

    @PostMapping(PATH)
    String problemOfPost(HttpServletRequest request, HttpServletResponse response, Model model) {
        return problem(request, response, model);
    }

    private static String problem(HttpServletRequest request, HttpServletResponse response, Model model) {
        if (request.getDispatcherType() != DispatcherType.FORWARD
                || !(request.getAttribute(AuthorizationRequestErrors.PROBLEM) instanceof AuthorizationRequestErrors.Problem problem)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        String kind = switch (problem.parameter()) {
            case OAuth2ParameterNames.REDIRECT_URI -> "redirect_uri";
            case OAuth2ParameterNames.CLIENT_ID -> "client_id";
            default -> "other";
        };
        model.addAttribute("kind", kind);
        model.addAttribute("clientId", PageInputs.echo(problem.clientId()));
        model.addAttribute("redirectUri", PageInputs.echo(problem.redirectUri()));
        model.addAttribute("parameter", PageInputs.echo(problem.parameter()));
        return "oidc-request-problem";
    }
}
