package dev.aikagi.server.delivery;

import dev.aikagi.core.delivery.DeliveryException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP exchange of a gateway, bounded in time, with failures sorted into retryable or not. Exactly one
 * attempt: the queue, not the gateway, retries ({@link dev.aikagi.core.delivery.Deliveries}), so an outage is
 * not multiplied by a second layer of retries.
 */
final class GatewayHttp {

    private final String name;
    private final HttpClient client;
    private final Duration readTimeout;
    private final Duration deadline;

    /**
     * @param name how error texts name the endpoint ("webhook", "Twilio"): never its address, which may
     *     hold a token
     */
    GatewayHttp(String name, Duration connectTimeout, Duration readTimeout) {
        this.name = Objects.requireNonNull(name, "name");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
        if (!connectTimeout.isPositive() || !readTimeout.isPositive()) {
            throw new IllegalArgumentException("time-outs must be positive, are " + connectTimeout + " and " + readTimeout);
        }
        // The request time-out ends the wait for the response headers; the deadline also bounds a body
        // that trickles in after them.
        this.deadline = connectTimeout.plus(readTimeout);
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                // A redirected POST is not what the operator configured; report it rather than follow.
                .followRedirects(HttpClient.Redirect.NEVER)
                // HTTP/1.1 only: no h2c upgrade dance on http:// and one request on the wire per attempt.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** A request builder with the read time-out set. */
    HttpRequest.Builder request(java.net.URI uri) {
        return HttpRequest.newBuilder(uri).timeout(readTimeout);
    }

    /**
     * Sends the request once.
     *
     * @throws DeliveryException retryable on a time-out or I/O error, never naming the address or content
     */
    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws DeliveryException {
        CompletableFuture<HttpResponse<T>> response = client.sendAsync(request, body);
        try {
            return response.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            response.cancel(true);
            throw new DeliveryException(name + " did not answer within " + deadline.toMillis() + " ms", true);
        } catch (InterruptedException e) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            throw new DeliveryException(name + " request interrupted", true);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw new DeliveryException(name + " timed out (" + cause.getClass().getSimpleName() + ")", true);
            }
            if (cause instanceof IOException) {
                // The type only: an I/O error's text may quote the address.
                throw new DeliveryException(name + " unreachable (" + cause.getClass().getSimpleName() + ")", true);
            }
            throw new DeliveryException(name + " request failed (" + cause.getClass().getSimpleName() + ")", true);
        }
    }

    /** Ends the client's connections and threads. */
    void close() {
        client.close();
    }

    /** 408 Request Timeout, 429 Too Many Requests and every 5xx may go away by themselves; other statuses will not. */
    static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    static boolean successful(int status) {
        return status >= 200 && status < 300;
    }
}
