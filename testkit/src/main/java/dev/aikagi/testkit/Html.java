package dev.aikagi.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough HTML reading for page tests: an element by id, its text, its attributes, a class's elements. */
public final class Html {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final java.util.Set<String> VOID = java.util.Set.of("input", "img", "br", "meta", "link", "hr");

    private Html() {
    }

    public static Optional<String> csrf(String html) {
        Matcher m = CSRF.matcher(html);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The outer HTML of the element with this id. */
    public static Optional<String> element(String html, String id) {
        Matcher start = Pattern.compile("<([a-zA-Z0-9]+)\\b[^>]*\\bid=\"" + Pattern.quote(id) + "\"[^>]*>").matcher(html);
        if (!start.find()) {
            return Optional.empty();
        }
        return Optional.of(outer(html, start.start(), start.group(1), start.end()));
    }

    /** The outer HTML of every element whose class list has {@code className}. */
    public static List<String> byClass(String html, String className) {
        Matcher start = Pattern.compile("<([a-zA-Z0-9]+)\\b[^>]*\\bclass=\"([^\"]*)\"[^>]*>").matcher(html);
        List<String> out = new ArrayList<>();
        while (start.find()) {
            if (List.of(start.group(2).split("\\s+")).contains(className)) {
                out.add(outer(html, start.start(), start.group(1), start.end()));
            }
        }
        return out;
    }

    public static Optional<String> attribute(String element, String name) {
        Matcher m = Pattern.compile("^<[a-zA-Z0-9]+\\b[^>]*?\\s" + Pattern.quote(name) + "(?=[\\s=/>])(?:=\"([^\"]*)\")?").matcher(element);
        return m.find() ? Optional.of(m.group(1) == null ? "" : unescape(m.group(1))) : Optional.empty();
    }

    public static String text(String element) {
        return unescape(element.replaceAll("<[^>]*>", " ")).replaceAll("\\s+", " ").strip();
    }

    public static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&#x27;", "'").replace("&amp;", "&");
    }

    private static String outer(String html, int begin, String tag, int afterStart) {
        if (VOID.contains(tag.toLowerCase(java.util.Locale.ROOT))) {
            return html.substring(begin, afterStart);
        }
        Pattern tags = Pattern.compile("<(/?)" + tag + "\\b[^>]*>");
        Matcher m = tags.matcher(html);
        m.region(afterStart, html.length());
        int depth = 1;
        while (m.find()) {
            depth += m.group(1).isEmpty() ? 1 : -1;
            if (depth == 0) {
                return html.substring(begin, m.end());
            }
        }
        throw new AssertionError("unclosed <" + tag + ">");
    }
}
