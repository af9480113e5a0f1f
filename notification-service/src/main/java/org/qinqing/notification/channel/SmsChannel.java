package org.qinqing.notification.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.qinqing.notification.config.NotificationConfig;

/**
 * SMS through an Aliyun-style gateway: a form-encoded {@code Action=SendSms} request signed with HMAC-SHA1
 * (RPC signature version 1.0), the approved template code of the notice kind, the text in {@code TemplateParam},
 * and {@code OutId} = delivery id and part, so the gateway can drop a repeat. The answer's {@code Code} is
 * {@code OK} or an error code; flow control and system errors are transient, the rest permanent.
 */
@ApplicationScoped
public class SmsChannel implements Channel {

    static final Set<String> TRANSIENT_CODES = Set.of("isp.SYSTEM_ERROR", "isv.BUSINESS_LIMIT_CONTROL", "Throttling",
            "Throttling.User", "ServiceUnavailable", "InternalError");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Http http;
    private final NotificationConfig.Sms config;
    private final ObjectMapper json;
    private final Clock clock;

    public SmsChannel(Http http, NotificationConfig config, ObjectMapper json, Clock clock) {
        this.http = http;
        this.config = config.sms();
        this.json = json;
        this.clock = clock;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.SMS;
    }

    @Override
    public int send(OutgoingMessage message) throws DeliveryFailure {
        if (message.address() == null || !message.address().matches("\\+?\\d{6,15}")) {
            throw DeliveryFailure.permanent("not a phone number");
        }
        List<String> parts = SmsText.parts(message.body(), config.signName(), config.maxParts());
        int sent = Math.max(0, message.partsSent());
        for (int i = sent; i < parts.size(); i++) {
            try {
                sendPart(message, parts.get(i), i + 1);
            } catch (DeliveryFailure e) {
                throw e.afterParts(i);
            }
        }
        return parts.size();
    }

    private void sendPart(OutgoingMessage message, String text, int part) throws DeliveryFailure {
        Map<String, String> params = new TreeMap<>();
        params.put("AccessKeyId", config.accessKeyId());
        params.put("Action", "SendSms");
        params.put("Format", "JSON");
        params.put("OutId", message.deliveryId() + ":" + part);
        params.put("PhoneNumbers", message.address());
        params.put("SignName", config.signName());
        params.put("SignatureMethod", "HMAC-SHA1");
        params.put("SignatureNonce", UUID.randomUUID().toString());
        params.put("SignatureVersion", "1.0");
        params.put("TemplateCode", config.templates().getOrDefault(message.kind(), config.defaultTemplate()));
        params.put("TemplateParam", templateParam(text));
        params.put("Timestamp", TIMESTAMP.format(clock.instant()));
        params.put("Version", "2017-05-25");
        params.put("Signature", signature("POST", params, config.accessKeySecret()));
        HttpRequest request = http.request(config.url())
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(form(params))).build();
        HttpResponse<String> response = http.send(request, "SMS gateway");
        String code = code(response.body());
        if (response.statusCode() == 200 && "OK".equals(code)) {
            return;
        }
        String reason = "SMS gateway " + response.statusCode() + (code == null ? "" : " " + code);
        if (Http.transientStatus(response.statusCode()) || TRANSIENT_CODES.contains(code)) {
            throw DeliveryFailure.transientFailure(reason);
        }
        throw DeliveryFailure.permanent(reason);
    }

    private String templateParam(String text) {
        try {
            return json.writeValueAsString(Map.of("content", text));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String code(String body) {
        try {
            JsonNode node = json.readTree(body);
            return node.hasNonNull("Code") ? node.get("Code").asText() : null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    /** Base64(HMAC-SHA1(secret + "&", METHOD + "&%2F&" + enc(sorted query))), as the RPC-style APIs sign. */
    public static String signature(String method, Map<String, String> params, String secret) {
        String canonical = new TreeMap<>(params).entrySet().stream().filter(e -> !e.getKey().equals("Signature"))
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        String toSign = method + "&" + encode("/") + "&" + encode(canonical);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((secret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 3986 percent-encoding: space as %20, '*' encoded, '~' kept. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }
}
