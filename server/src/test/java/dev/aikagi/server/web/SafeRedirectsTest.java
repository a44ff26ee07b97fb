package dev.aikagi.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeRedirectsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/settings", "/settings/account-center/security/two-factor",
            "/settings/account-center/security/two-factor/0b3c2f1e-8d44-4d6a-9a50-1f2e3d4c5b6a/backup-codes/print",
            "/settings/account-center/security/two-factor/0b3c2f1e-8d44-4d6a-9a50-1f2e3d4c5b6a?reauthenticated"})
    void settingsPathWhenASettingsPageThenKept(String next) {
        assertThat(SafeRedirects.settingsPath(next)).isEqualTo(next);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "https://evil.example/settings", "//evil.example/settings", "/\\evil.example",
            "/settings/../login", "/settings//evil", "/login", "settings", "/settings?x=1&y=2", "/settings#top",
            "/settings/%2e%2e/", "/settings\r\nLocation: https://evil.example", "/settingsx", "javascript:alert(1)"})
    void settingsPathWhenAnythingElseThenTheTwoFactorPage(String next) {
        assertThat(SafeRedirects.settingsPath(next)).isEqualTo(SafeRedirects.DEFAULT);
    }

    @org.junit.jupiter.api.Test
    void settingsPathWhenMissingOrHugeThenTheTwoFactorPage() {
        assertThat(SafeRedirects.settingsPath(null)).isEqualTo(SafeRedirects.DEFAULT);
        assertThat(SafeRedirects.settingsPath("/settings/" + "a".repeat(10_000))).isEqualTo(SafeRedirects.DEFAULT);
    }
}
