package dev.aikagi.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real application on a random port with its own data folder. Overrides are passed as arguments
 * ({@code SpringApplicationBuilder.properties()} would only set defaults).
 */
public final class RunningServer implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newHttpClient();

    private RunningServer(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static RunningServer start(Path dataDir, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--aikagi.data-dir=" + dataDir,
                // Cheap hashing keeps the suite fast; the OWASP cost is measured by the benchmarks.
                "--aikagi.password.argon2-memory-kib=1024",
                "--aikagi.password.argon2-iterations=1"));
        args.addAll(List.of(extraArgs));
        // Every test signs up and texts from 127.0.0.1; the per-address limits have tests of their own, which
        // set them (issue 14 point 4).
        for (String limit : List.of("aikagi.sign-up.hourly-limit-per-address", "aikagi.sms.hourly-limit-per-address")) {
            if (args.stream().noneMatch(a -> a.startsWith("--" + limit + "="))) {
                args.add("--" + limit + "=1000");
            }
        }
        return new RunningServer(new SpringApplicationBuilder(AikagiApplication.class).run(args.toArray(String[]::new)));
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        context.close();
    }
}
