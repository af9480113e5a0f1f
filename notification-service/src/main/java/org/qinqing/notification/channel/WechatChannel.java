package org.qinqing.notification.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.qinqing.notification.config.NotificationConfig;

/**
 * WeChat official-account template messages: an access token from {@code /cgi-bin/token} (client_credential,
 * cached until shortly before it expires), then {@code POST /cgi-bin/message/template/send}. The stored body is
 * the template's {@code data} object. An expired token is fetched again once; busy and rate-limit codes are
 * transient; an unsubscribed user or an invalid openid is permanent.
 */
@ApplicationScoped
public class WechatChannel implements Channel {

    static final Set<Integer> TOKEN_INVALID = Set.of(40001, 40014, 42001);
    static final Set<Integer> TRANSIENT = Set.of(-1, 45009, 45011);

    private final Http http;
    private final NotificationConfig.Wechat config;
    private final ObjectMapper json;
    private final Clock clock;
    private String token;
    private Instant tokenExpiresAt = Instant.EPOCH;

    public WechatChannel(Http http, NotificationConfig config, ObjectMapper json, Clock clock) {
        this.http = http;
        this.config = config.wechat();
        this.json = json;
        this.clock = clock;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.WECHAT;
    }

    @Override
    public int send(OutgoingMessage message) throws DeliveryFailure {
        int errcode = post(message, accessToken(false));
        if (TOKEN_INVALID.contains(errcode)) {
            errcode = post(message, accessToken(true));
        }
        if (errcode == 0) {
            return 1;
        }
        String reason = "WeChat errcode " + errcode;
        throw TRANSIENT.contains(errcode) || TOKEN_INVALID.contains(errcode) ? DeliveryFailure.transientFailure(reason)
                : DeliveryFailure.permanent(reason);
    }

    private int post(OutgoingMessage message, String accessToken) throws DeliveryFailure {
        ObjectNode body = json.createObjectNode();
        body.put("touser", message.address());
        body.put("template_id", config.templates().getOrDefault(message.kind(), config.defaultTemplate()));
        if (message.link() != null) {
            body.put("url", message.link());
        }
        body.put("client_msg_id", message.deliveryId().toString());
        body.set("data", read(message.body()));
        HttpRequest request = http.request(URI.create(config.url() + "/cgi-bin/message/template/send?access_token="
                + URLEncoder.encode(accessToken, StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return errcode(http.send(request, "WeChat"), "WeChat");
    }

    private synchronized String accessToken(boolean refresh) throws DeliveryFailure {
        if (!refresh && token != null && clock.instant().isBefore(tokenExpiresAt)) {
            return token;
        }
        HttpRequest request = http.request(URI.create(config.url() + "/cgi-bin/token?grant_type=client_credential&appid="
                + URLEncoder.encode(config.appId(), StandardCharsets.UTF_8) + "&secret="
                + URLEncoder.encode(config.appSecret(), StandardCharsets.UTF_8))).GET().build();
        HttpResponse<String> response = http.send(request, "WeChat token endpoint");
        JsonNode answer = read(response.body());
        if (response.statusCode() != 200 || !answer.hasNonNull("access_token")) {
            int errcode = answer.path("errcode").asInt(-1);
            String reason = "WeChat token endpoint " + response.statusCode() + " errcode " + errcode;
            // a wrong appid/secret (40013, 40125) will not heal by itself
            throw errcode == 40013 || errcode == 40125 ? DeliveryFailure.permanent(reason)
                    : DeliveryFailure.transientFailure(reason);
        }
        token = answer.get("access_token").asText();
        long seconds = answer.path("expires_in").asLong(7200);
        tokenExpiresAt = clock.instant().plusSeconds(Math.max(0, seconds - 300));
        return token;
    }

    private int errcode(HttpResponse<String> response, String what) throws DeliveryFailure {
        if (response.statusCode() != 200) {
            String reason = what + " HTTP " + response.statusCode();
            throw Http.transientStatus(response.statusCode()) ? DeliveryFailure.transientFailure(reason)
                    : DeliveryFailure.permanent(reason);
        }
        return read(response.body()).path("errcode").asInt(-1);
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (java.io.IOException e) {
            return json.createObjectNode();
        }
    }
}
