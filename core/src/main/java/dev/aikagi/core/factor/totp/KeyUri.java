package dev.aikagi.core.factor.totp;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The {@code otpauth://totp/...} key URI that authenticator apps read from a QR code (Google
 * Authenticator's Key URI Format): label {@code Issuer:account}, then secret, issuer, algorithm, digits
 * and period. The URI contains the secret: it must never be logged.
 */
public final class KeyUri {

    private KeyUri() {
    }

    public static String of(String issuer, String accountName, String base32Secret, TotpParameters parameters) {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(accountName, "accountName");
        Objects.requireNonNull(base32Secret, "base32Secret");
        Objects.requireNonNull(parameters, "parameters");
        if (issuer.contains(":") || accountName.contains(":")) {
            throw new IllegalArgumentException("issuer and account name may not contain ':'");
        }
        return "otpauth://totp/" + encode(issuer) + ":" + encode(accountName)
                + "?secret=" + base32Secret
                + "&issuer=" + encode(issuer)
                + "&algorithm=" + parameters.algorithm().name()
                + "&digits=" + parameters.digits()
                + "&period=" + parameters.periodSeconds();
    }

    private static String encode(String s) {
        // The format wants %20 for spaces, not the '+' of form encoding.
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
