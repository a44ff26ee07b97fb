package dev.aikagi.server.account;

import dev.aikagi.core.account.SignUp;
import org.springframework.ui.Model;

/**
 * Which sign-up field a refusal is about (issue 17): that field is marked {@code aria-invalid} and described by the
 * error. When only the username was wrong the password is given back in its field, so that the person fixes the
 * username and sends again without typing a new password twice (people who must retype pick weaker ones). It goes
 * back only to the browser that sent it a moment ago, over the same connection, on a page that is never cached
 * ({@code Cache-Control: no-store}, Spring Security's default) and never logged; the alternative, keeping it with
 * script, would not work without script. A password the policy refused is never given back.
 */
final class SignUpFields {

    private SignUpFields() {
    }

    static void describe(SignUp.Problem problem, String password, Model model) {
        switch (problem) {
            case USERNAME_INVALID, USERNAME_TAKEN -> {
                model.addAttribute("invalidField", "username");
                if (password != null && password.length() <= 1024) {
                    model.addAttribute("keptPassword", password);
                }
            }
            case PASSWORD_TOO_SHORT, PASSWORD_TOO_LONG, PASSWORD_COMMON, PASSWORD_CONTAINS_USERNAME ->
                    model.addAttribute("invalidField", "password");
            case TOO_MANY_ATTEMPTS -> {
                // about neither field: the error summary has the focus
            }
        }
    }
}
