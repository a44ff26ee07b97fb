package dev.aikagi.bench.load;

import dev.aikagi.core.factor.totp.Totp;
import dev.aikagi.core.factor.totp.TotpParameters;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One full login through Aikagi's pages, the way a browser does it: GET the login page, POST the
 * password with the CSRF token, GET the challenge page, POST the TOTP code (or, in the backup scenario,
 * open "another method", choose backup code, and POST one), and land authenticated: a redirect to the
 * landing page with a session cookie.
 */
final class BrowserLogin {

    enum Scenario { TOTP, BACKUP }

    /** Step names, in {@link #stepNanos} order; unused steps stay 0. */
    static final String[] STEPS = {"get_login", "post_password", "get_challenge", "post_code", "methods", "landing"};

    static final class StepFailure extends Exception {
        StepFailure(String message) {
            super(message, null, false, false);
        }
    }

    private final PageSession browser;
    private final String sessionCookie;
    private final String deviceCookie;
    final long[] stepNanos = new long[STEPS.length];

    BrowserLogin(PageSession browser, String cookiePrefix) {
        this.browser = browser;
        this.sessionCookie = cookiePrefix + "aikagi_session";
        this.deviceCookie = cookiePrefix + "aikagi_device";
    }

    /** Logs {@code user} in; {@code step} is the TOTP step whose code to send (ignored for backup codes). */
    void login(BenchUser user, Scenario scenario, long step) throws Exception {
        java.util.Arrays.fill(stepNanos, 0);
        browser.clearCookies();
        if (user.deviceCookie != null) {
            browser.setCookie(deviceCookie, user.deviceCookie);
        }
        long t = System.nanoTime();
        HttpResponse<String> page = expect(browser.get("/login"), 200, "GET /login");
        t = lap(0, t);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", user.username);
        form.put("password", user.password);
        form.put("_csrf", csrf(page, "GET /login"));
        HttpResponse<String> posted = expect(browser.post("/login", form), 302, "POST /login");
        expectLocation(posted, "/login/challenge", "POST /login");
        t = lap(1, t);
        page = expect(browser.get("/login/challenge"), 200, "GET /login/challenge");
        t = lap(2, t);
        String code;
        if (scenario == Scenario.BACKUP) {
            page = expect(browser.get("/login/methods"), 200, "GET /login/methods");
            posted = expect(browser.post("/login/methods", Map.of("method", "backup_code",
                    "_csrf", csrf(page, "GET /login/methods"))), 302, "POST /login/methods");
            expectLocation(posted, "/login/challenge", "POST /login/methods");
            page = expect(browser.get("/login/challenge"), 200, "GET /login/challenge (backup)");
            t = lap(4, t);
            code = user.backupCodes.pollFirst();
            if (code == null) {
                throw new StepFailure("no backup code left for " + user.username);
            }
        } else {
            code = Totp.hotp(user.totpKey, step, TotpParameters.DEFAULT.algorithm(), TotpParameters.DEFAULT.digits());
        }
        posted = expect(browser.post("/login/challenge", Map.of("code", code, "_csrf", csrf(page, "GET /login/challenge"))),
                302, "POST /login/challenge");
        t = lap(3, t);
        if (browser.cookie(sessionCookie).isEmpty()) {
            throw new StepFailure("POST /login/challenge: no session cookie");
        }
        if (scenario == Scenario.BACKUP) {
            expectLocation(posted, "/login/backup-codes-left", "POST /login/challenge");
            expect(browser.get("/login/backup-codes-left"), 200, "GET /login/backup-codes-left");
            lap(5, t);
        } else {
            expectLocation(posted, "/settings", "POST /login/challenge");
        }
        browser.cookie(deviceCookie).ifPresent(d -> user.deviceCookie = d);
    }

    static long stepNow(Instant now) {
        return Totp.stepAt(now, TotpParameters.DEFAULT.periodSeconds());
    }

    private long lap(int index, long since) {
        long now = System.nanoTime();
        stepNanos[index] += now - since;
        return now;
    }

    private static String csrf(HttpResponse<String> page, String step) throws StepFailure {
        return PageSession.hiddenInput(page.body(), "_csrf").orElseThrow(() -> new StepFailure(step + ": no _csrf field"));
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, int status, String step) throws StepFailure {
        if (response.statusCode() != status) {
            String where = response.statusCode() / 100 == 3 ? " -> " + PageSession.location(response) : "";
            throw new StepFailure(step + ": HTTP " + response.statusCode() + where + " (expected " + status + ")");
        }
        return response;
    }

    private static void expectLocation(HttpResponse<String> response, String path, String step) throws StepFailure {
        String location = PageSession.location(response);
        if (!location.equals(path) && !location.startsWith(path + "?")) {
            throw new StepFailure(step + ": redirected to " + location + " (expected " + path + ")");
        }
    }
}
