package dev.aikagi.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What every template must keep, read from the sources: nothing inline that the Content-Security-Policy
 * would block, a real label for every field, code and password fields the browser and password
 * managers understand, and the header with the language switch on every page.
 */
class TemplatesTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final Pattern INPUT = Pattern.compile("<(input|select|textarea)\\b([^>]*)>", Pattern.DOTALL);

    static Map<String, String> templates() throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                out.put(TEMPLATES.relativize(file).toString(), Files.readString(file));
            }
        }
        return out;
    }

    private static String attribute(String attributes, String name) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(name) + "=\"([^\"]*)\"").matcher(attributes);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void templatesWhenScannedThenNothingInlineForTheContentSecurityPolicy() throws IOException {
        templates().forEach((name, html) -> {
            assertThat(html).as(name).doesNotContainPattern("\\sstyle=\"").doesNotContain("<style")
                    .doesNotContainPattern("\\son[a-z]+=\"").doesNotContain("javascript:");
            Matcher scripts = Pattern.compile("<script\\b([^>]*)>").matcher(html);
            while (scripts.find()) {
                assertThat(scripts.group(1)).as(name + " script").contains("src=");
            }
        });
    }

    @Test
    void fieldsWhenScannedThenEachHasALabelAndTheRightAutocomplete() throws IOException {
        List<String> problems = new ArrayList<>();
        templates().forEach((name, html) -> {
            Matcher m = INPUT.matcher(html);
            while (m.find()) {
                String attributes = m.group(2);
                String type = attribute(attributes, "type");
                if ("hidden".equals(type)) {
                    continue;
                }
                String id = attribute(attributes, "id");
                if (id == null) {
                    problems.add(name + ": a field without id: " + m.group());
                    continue;
                }
                if (!html.contains("<label for=\"" + id + "\"")) {
                    problems.add(name + ": #" + id + " has no <label for>");
                }
                if ("password".equals(type)) {
                    String autocomplete = attribute(attributes, "autocomplete");
                    // Only the pages that choose a password ask password managers to make one.
                    String expected = name.equals("signup.html") || name.equals("recovery-password.html")
                            || name.equals("invitation.html")
                            || name.equals("password.html") && id.equals("new-password")
                            ? "new-password" : "current-password";
                    if (!expected.equals(autocomplete)) {
                        problems.add(name + ": #" + id + " autocomplete " + autocomplete + ", not " + expected);
                    }
                }
                String classes = attribute(attributes, "class");
                // A field for backup codes only (24 characters, a backup code as its example) is never the latest
                // text message: no one-time-code hint (issue 17). A field taking an app code too keeps the hint.
                boolean backupCode = "24".equals(attribute(attributes, "maxlength"))
                        && "1234 5678".equals(attribute(attributes, "placeholder"));
                if (classes != null && classes.contains("code-input") && backupCode
                        && !"off".equals(attribute(attributes, "autocomplete"))) {
                    problems.add(name + ": backup-code field #" + id + " offered the latest text message");
                }
                if (classes != null && classes.contains("code-input") && !backupCode
                        && (!"one-time-code".equals(attribute(attributes, "autocomplete"))
                        || !"numeric".equals(attribute(attributes, "inputmode")))) {
                    problems.add(name + ": code field #" + id + " lacks autocomplete=one-time-code inputmode=numeric");
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void pagesWhenScannedThenHeaderWithLanguageSwitchAndLanguageAttribute() throws IOException {
        templates().forEach((name, html) -> {
            if (name.equals("fragments.html")) {
                assertThat(html).contains("id=\"lang-en\"", "id=\"lang-ja\"", "id=\"logout-form\"", "id=\"logout\"",
                        "id=\"form-error\" class=\"message error\" role=\"alert\"");
                return;
            }
            assertThat(html).as(name).contains("th:lang=\"${#locale.language}\"", "~{fragments :: header}",
                    "~{fragments :: head(");
            assertThat(html).as(name).contains("<h1");
        });
    }

    @Test
    void codeFieldsWhenScannedThenEveryCodeInputIsMarkedAsOne() throws IOException {
        templates().forEach((name, html) -> {
            Matcher m = INPUT.matcher(html);
            while (m.find()) {
                String id = attribute(m.group(2), "id");
                if (id != null && (id.equals("code") || id.endsWith("-code"))) {
                    assertThat(attribute(m.group(2), "class")).as(name + " #" + id).contains("code-input");
                }
            }
        });
    }
}
