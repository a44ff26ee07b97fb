package dev.aikagi.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A browser without a browser: keeps cookies, reads the CSRF token from the last page and posts forms
 * with it, and follows redirects only when asked (so tests can check where they go). Each client
 * presents its own client address through X-Forwarded-For (when given one), so the rate limits of one
 * test do not slow another. One jar serves every port of the host, as a browser's does for the nodes
 * behind one load balancer ({@link #get(URI, String)}).
 */
public final class PageClient {

    /** One answer: status, headers and body, with the address it came from. */
    public record Page(int status, String path, HttpHeaders headers, String body) {

        /** Where a redirect goes, as a path (the server may send it absolute). */
        public String location() {
            String location = headers.firstValue("Location")
                    .orElseThrow(() -> new AssertionError("no Location on " + status + " " + path));
            return location.replaceFirst("^https?://[^/]+", "");
        }

        boolean isRedirect() {
            return status >= 300 && status < 400;
        }

        /** The text of the element with this id (tags dropped, entities decoded, spaces collapsed). */
        public String text(String id) {
            return Html.text(Html.element(body, id).orElseThrow(() -> new AssertionError("no #" + id + " on " + path + ":\n" + body)));
        }

        public boolean has(String id) {
            return Html.element(body, id).isPresent();
        }

        public String attribute(String id, String name) {
            return Html.attribute(Html.element(body, id).orElseThrow(() -> new AssertionError("no #" + id + " on " + path)), name)
                    .orElseThrow(() -> new AssertionError("no " + name + " on #" + id));
        }

        String csrf() {
            return Html.csrf(body).orElseThrow(() -> new AssertionError("no CSRF field on " + path + ":\n" + body));
        }

        /** The page without its CSRF tokens, which differ on every page. */
        public String withoutCsrf() {
            return body.replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "name=\"_csrf\" value=\"\"");
        }
    }

    private final URI base;
    private final String clientAddress;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    private String acceptLanguage = "en";
    private Page last;

    /** A browser on the server at {@code 127.0.0.1:port}. */
    public PageClient(int port, String clientAddress) {
        this(URI.create("http://127.0.0.1:" + port), clientAddress);
    }

    /**
     * @param base          the server's scheme, host and port
     * @param clientAddress what {@code X-Forwarded-For} says, or null for none
     */
    public PageClient(URI base, String clientAddress) {
        this.base = java.util.Objects.requireNonNull(base, "base");
        this.clientAddress = clientAddress;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public PageClient acceptLanguage(String value) {
        this.acceptLanguage = value;
        return this;
    }

    public Page last() {
        return last;
    }

    public Optional<HttpCookie> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).findFirst();
    }

    public void setCookie(String name, String value) {
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(base.resolve("/"), cookie);
    }

    public void dropCookie(String name) {
        cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).toList()
                .forEach(c -> cookies.getCookieStore().remove(null, c));
    }

    public Page get(String path) {
        return get(base, path);
    }

    /** GET on another server of the same host (another node): the cookies go along. */
    public Page get(URI server, String path) {
        return send(request(server, path).GET().build(), path);
    }

    /** GET, then follow redirects to the page at the end. */
    public Page open(String path) {
        return follow(get(path));
    }

    /** Posts a form with the CSRF token of the last page (none when it had none: the server will refuse it). */
    public Page post(String path, Map<String, String> fields) {
        return post(base, path, fields);
    }

    /** Posts a form to another server of the same host (another node), with the CSRF token of the last page. */
    public Page post(URI server, String path, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        if (!csrf().isEmpty()) {
            form.putIfAbsent("_csrf", csrf());
        }
        return postRaw(server, path, form);
    }

    /** The CSRF token of the last page with a form, or "" before any. */
    public String csrf() {
        return last == null ? "" : Html.csrf(last.body()).orElse("");
    }

    /** Sends a request built elsewhere with this browser's cookies; the answer as it came. */
    public HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Page post(String path, String... namesAndValues) {
        return post(path, pairs(namesAndValues));
    }

    /** Posts exactly these fields: no CSRF token unless given. */
    public Page postRaw(String path, Map<String, String> fields) {
        return postRaw(base, path, fields);
    }

    private Page postRaw(URI server, String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(request(server, path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), path);
    }

    /** A file of a multipart form: the field name, the name and type the browser would send, the bytes. */
    public record FilePart(String field, String fileName, String contentType, byte[] content) {
    }

    /** Posts a multipart form (with the CSRF token of the last page), as a browser sends a file upload. */
    public Page postMultipart(String path, Map<String, String> fields, List<FilePart> files) {
        String boundary = "----aikagi" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", last.csrf());
        form.putAll(fields);
        form.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        for (FilePart file : files) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.field()
                    + "\"; filename=\"" + file.fileName() + "\"\r\nContent-Type: " + file.contentType() + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file.content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), path);
    }

    /** GET for a download: the status, headers and raw bytes. */
    public HttpResponse<byte[]> download(String path) {
        try {
            return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Page send(String method, String path) {
        return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()).build(), path);
    }

    public Page follow(Page page) {
        Page current = page;
        for (int i = 0; current.isRedirect() && i < 10; i++) {
            URI next = uri(base, current.path()).resolve(current.location());
            String path = next.getRawPath() + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery());
            current = get(path);
        }
        return current;
    }

    public static Map<String, String> pairs(String... namesAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    private HttpRequest.Builder request(String path) {
        return request(base, path);
    }

    private HttpRequest.Builder request(URI server, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(server, path))
                .header("Accept", "text/html,application/xhtml+xml")
                .header("Accept-Language", acceptLanguage);
        if (clientAddress != null) {
            request.header("X-Forwarded-For", clientAddress);
        }
        return request;
    }

    private static URI uri(URI server, String path) {
        return URI.create(server.toString().replaceFirst("/$", "") + path);
    }

    private Page send(HttpRequest request, String path) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Page page = new Page(response.statusCode(), path, response.headers(), response.body());
            if (!page.isRedirect() && page.body().contains("_csrf")) {
                last = page;
            } else if (last == null) {
                last = page;
            }
            return page;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** All values of a header, for assertions on Set-Cookie. */
    public static List<String> all(Page page, String header) {
        return new ArrayList<>(page.headers().allValues(header));
    }
}
