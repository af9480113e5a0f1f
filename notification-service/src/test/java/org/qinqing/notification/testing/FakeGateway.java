package org.qinqing.notification.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server in the test JVM standing in for the SMS gateway, the WeChat API, intake's internal API,
 * Keycloak's token endpoint and integrators' webhook endpoints. It records every request, answers as each real
 * service does by default, and can be told to answer some requests (those whose body or query contain a marker,
 * such as a phone number) with errors or slowly.
 */
public final class FakeGateway implements AutoCloseable {

    public record Request(String method, String path, String query, Map<String, String> headers, String body, Instant at) {

        /** A form-encoded body or a query string as a map. */
        public Map<String, String> form() {
            Map<String, String> params = new LinkedHashMap<>();
            String source = method.equals("GET") ? query : body;
            if (source == null || source.isEmpty()) {
                return params;
            }
            for (String pair : source.split("&")) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                try {
                    params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException notForm) {
                    // a JSON body is not a form
                }
            }
            return params;
        }

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    public record Answer(int status, String body, Duration delay) {
        public static Answer of(int status, String body) {
            return new Answer(status, body, Duration.ZERO);
        }

        public static Answer slow(Duration delay, int status, String body) {
            return new Answer(status, body, delay);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Answer>> scripted = new ConcurrentHashMap<>();
    private final Map<String, Answer> always = new ConcurrentHashMap<>();
    private final Map<String, String> reporterContacts = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> mostInFlight = new ConcurrentHashMap<>();

    public FakeGateway() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next requests to {@code path} that contain {@code marker} get these answers, one each, then the default. */
    public void script(String path, String marker, Answer... answers) {
        scripted.computeIfAbsent(path + "|" + marker, k -> new ArrayDeque<>()).addAll(List.of(answers));
    }

    /** Every request to {@code path} containing {@code marker} gets this answer until {@link #clear}. */
    public void always(String path, String marker, Answer answer) {
        always.put(path + "|" + marker, answer);
    }

    public void clear(String path, String marker) {
        always.remove(path + "|" + marker);
        scripted.remove(path + "|" + marker);
    }

    /** What intake answers for a tip-off's reporter (JSON); none: 404. */
    public void reporterContact(java.util.UUID grievanceId, String json) {
        reporterContacts.put(grievanceId.toString(), json);
    }

    public List<Request> requests(String path, String marker) {
        return requests.stream().filter(r -> r.path().equals(path))
                .filter(r -> marker == null || contains(r, marker)).toList();
    }

    public List<Request> requestsUnder(String pathPrefix) {
        return requests.stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
    }

    /** The most requests to {@code path} the gateway was answering at the same time since the last reset. */
    public int mostInFlight(String path) {
        return mostInFlight.computeIfAbsent(path, k -> new java.util.concurrent.atomic.AtomicInteger()).get();
    }

    public void resetMostInFlight(String path) {
        mostInFlight.computeIfAbsent(path, k -> new java.util.concurrent.atomic.AtomicInteger()).set(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        int now = inFlight.computeIfAbsent(path, k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
        mostInFlight.computeIfAbsent(path, k -> new java.util.concurrent.atomic.AtomicInteger()).accumulateAndGet(now, Math::max);
        try {
            answer(exchange);
        } finally {
            inFlight.get(path).decrementAndGet();
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), headers, body, Instant.now());
        requests.add(request);
        Answer answer = answer(request);
        if (!answer.delay().isZero()) {
            try {
                Thread.sleep(answer.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        try {
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the client gave up (timeout); the request stays recorded
        }
    }

    private Answer answer(Request request) {
        for (Map.Entry<String, Deque<Answer>> entry : scripted.entrySet()) {
            String[] key = entry.getKey().split("\\|", 2);
            if (key[0].equals(request.path()) && contains(request, key[1])) {
                Answer next = entry.getValue().poll();
                if (next != null) {
                    return next;
                }
            }
        }
        for (Map.Entry<String, Answer> entry : always.entrySet()) {
            String[] key = entry.getKey().split("\\|", 2);
            if (key[0].equals(request.path()) && contains(request, key[1])) {
                return entry.getValue();
            }
        }
        return byDefault(request);
    }

    private Answer byDefault(Request request) {
        String path = request.path();
        if (path.equals("/sms")) {
            return Answer.of(200, "{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"900619746936498440^0\",\"RequestId\":\"F655A8D5\"}");
        }
        if (path.equals("/cgi-bin/token")) {
            return Answer.of(200, "{\"access_token\":\"wx-access-token\",\"expires_in\":7200}");
        }
        if (path.equals("/cgi-bin/message/template/send")) {
            return Answer.of(200, "{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":200228332}");
        }
        if (path.equals("/realms/qinqing/protocol/openid-connect/token")) {
            return Answer.of(200, "{\"access_token\":\"service-account-token\",\"token_type\":\"Bearer\",\"expires_in\":300}");
        }
        if (path.startsWith("/internal/v1/grievances/") && path.endsWith("/reporter-contact")) {
            String id = path.substring("/internal/v1/grievances/".length(), path.length() - "/reporter-contact".length());
            String contact = reporterContacts.get(id);
            return contact == null ? Answer.of(404, "{\"status\":404}") : Answer.of(200, contact);
        }
        if (path.startsWith("/hooks/")) {
            return Answer.of(204, "");
        }
        return Answer.of(404, "{}");
    }

    private static boolean contains(Request r, String marker) {
        return (r.body() != null && r.body().contains(marker)) || (r.query() != null && r.query().contains(marker))
                || r.path().contains(marker)
                || r.form().values().stream().anyMatch(v -> v.contains(marker));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
