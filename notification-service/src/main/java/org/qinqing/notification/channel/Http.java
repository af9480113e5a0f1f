package org.qinqing.notification.channel;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.qinqing.notification.config.NotificationConfig;

/** The HTTP client the gateways and webhooks share; every call is bounded by the send timeout. */
@ApplicationScoped
public class Http {

    private final HttpClient client;
    private final Duration timeout;

    public Http(NotificationConfig config) {
        this.timeout = config.delivery().sendTimeout();
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public HttpRequest.Builder request(java.net.URI uri) {
        return HttpRequest.newBuilder(uri).timeout(timeout);
    }

    /** Sends; a timeout or broken connection is a transient failure. */
    public HttpResponse<String> send(HttpRequest request, String what) throws DeliveryFailure {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw DeliveryFailure.transientFailure(what + " did not answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw DeliveryFailure.transientFailure(what + " unreachable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryFailure.transientFailure(what + ": interrupted");
        }
    }

    /** 408, 425, 429 and 5xx may pass; other 4xx will not. */
    public static boolean transientStatus(int status) {
        return status == 408 || status == 425 || status == 429 || status >= 500;
    }
}
