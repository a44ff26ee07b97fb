package dev.aikagi.core.factor.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyUriTest {

    private static final String SECRET = "JBSWY3DPEHPK3PXP";

    @Test
    void ofWhenDefaultsThenGoogleAuthenticatorKeyUriFormat() {
        String uri = KeyUri.of("Aikagi", "alice", SECRET, TotpParameters.DEFAULT);

        assertThat(uri).isEqualTo("otpauth://totp/Aikagi:alice?secret=JBSWY3DPEHPK3PXP&issuer=Aikagi"
                + "&algorithm=SHA1&digits=6&period=30");
    }

    @Test
    void ofWhenOtherParametersThenCarriedInQuery() {
        String uri = KeyUri.of("Aikagi", "alice", SECRET, new TotpParameters(TotpAlgorithm.SHA512, 8, 60));

        assertThat(query(uri)).containsExactly(
                Map.entry("secret", SECRET),
                Map.entry("issuer", "Aikagi"),
                Map.entry("algorithm", "SHA512"),
                Map.entry("digits", "8"),
                Map.entry("period", "60"));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', value = {
            // issuer        | account             | encoded issuer                                      | encoded account
            "Example Co      | alice@example.com   | Example%20Co                                        | alice%40example.com",
            "合鍵            | 田中 太郎            | %E5%90%88%E9%8D%B5                                  | %E7%94%B0%E4%B8%AD%20%E5%A4%AA%E9%83%8E",
            "合鍵 株式会社    | a+b@example.com     | %E5%90%88%E9%8D%B5%20%E6%A0%AA%E5%BC%8F%E4%BC%9A%E7%A4%BE | a%2Bb%40example.com",
            "A&B=C?#         | 100% Secure         | A%26B%3DC%3F%23                                     | 100%25%20Secure",
    })
    void ofWhenSpacesOrNonAsciiThenPercentEncodedUtf8(String issuer, String account, String encodedIssuer,
                                                      String encodedAccount) {
        String uri = KeyUri.of(issuer, account, SECRET, TotpParameters.DEFAULT);

        assertThat(uri).startsWith("otpauth://totp/" + encodedIssuer + ":" + encodedAccount + "?secret=" + SECRET
                + "&issuer=" + encodedIssuer + "&");
        // Spaces are %20: apps that do not treat '+' as a space would show it literally.
        assertThat(uri).doesNotContain("+").doesNotContain(" ");
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', value = {
            "Aikagi           | alice@example.com",
            "合鍵 株式会社     | 田中 太郎",
            "A&B=C?#          | 100% Secure/x",
    })
    void ofWhenParsedAsUriThenLabelAndIssuerDecodeToOriginals(String issuer, String account) {
        URI uri = URI.create(KeyUri.of(issuer, account, SECRET, TotpParameters.DEFAULT));

        assertThat(uri.getScheme()).isEqualTo("otpauth");
        assertThat(uri.getHost()).isEqualTo("totp");
        assertThat(uri.getPath()).isEqualTo("/" + issuer + ":" + account);
        assertThat(query(uri.toString())).containsEntry("issuer", issuer).containsEntry("secret", SECRET);
    }

    @ParameterizedTest
    @CsvSource({"Ai:kagi, alice", "Aikagi, ali:ce"})
    void ofWhenColonInLabelPartThenRejected(String issuer, String account) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> KeyUri.of(issuer, account, SECRET, TotpParameters.DEFAULT))
                .withMessage("issuer and account name may not contain ':'");
    }

    @Test
    void ofWhenNullArgumentsThenNamesThem() {
        assertThatNullPointerException().isThrownBy(() -> KeyUri.of(null, "a", SECRET, TotpParameters.DEFAULT))
                .withMessage("issuer");
        assertThatNullPointerException().isThrownBy(() -> KeyUri.of("i", null, SECRET, TotpParameters.DEFAULT))
                .withMessage("accountName");
        assertThatNullPointerException().isThrownBy(() -> KeyUri.of("i", "a", null, TotpParameters.DEFAULT))
                .withMessage("base32Secret");
        assertThatNullPointerException().isThrownBy(() -> KeyUri.of("i", "a", SECRET, null))
                .withMessage("parameters");
    }

    @Test
    void ofWhenSecretFromBase32ThenDecodesToKey() {
        byte[] key = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

        String uri = KeyUri.of("Aikagi", "alice", Base32.encode(key), TotpParameters.DEFAULT);

        assertThat(Base32.decode(query(uri).get("secret"))).hasValueSatisfying(k -> assertThat(k).isEqualTo(key));
    }

    private static Map<String, String> query(String uri) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : URI.create(uri).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }
}
