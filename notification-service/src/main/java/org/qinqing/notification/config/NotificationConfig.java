package org.qinqing.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

/** Everything about delivering: retries, quiet hours and the channels' gateways. */
@ConfigMapping(prefix = "notification")
public interface NotificationConfig {

    Delivery delivery();

    QuietHours quietHours();

    Sms sms();

    Wechat wechat();

    Inbox inbox();

    interface Delivery {
        /** How often the dispatcher looks for due deliveries. */
        @WithDefault("1s")
        Duration pollInterval();

        @WithDefault("50")
        int batchSize();

        /**
         * Gateway requests a dispatcher has in flight at once: a gateway answers in tens to hundreds of ms, so one
         * at a time would cap a replica at a few sends a second. One grievance's deliveries still go one after another.
         */
        @WithDefault("8")
        int parallelSends();

        /** Attempts before a transiently failing delivery becomes a dead letter. */
        @WithDefault("6")
        int maxAttempts();

        /** Back-off before the 2nd attempt; doubled for each further one, up to {@link #backoffMax()}, with jitter. */
        @WithDefault("30s")
        Duration backoffBase();

        @WithDefault("1h")
        Duration backoffMax();

        /** A claimed delivery that was not finished within this time (a crashed replica) is taken up again. */
        @WithDefault("5m")
        Duration lease();

        /** Longest wait for a gateway's answer; longer is a transient failure. */
        @WithDefault("10s")
        Duration sendTimeout();
    }

    /** 免打扰时段 for SMS and WeChat; escalations to supervisors and oversight do not wait. */
    interface QuietHours {
        @WithDefault("22:00")
        LocalTime start();

        @WithDefault("08:00")
        LocalTime end();

        @WithDefault("Asia/Shanghai")
        ZoneId zone();
    }

    /** An Aliyun-style SMS gateway (Action=SendSms, HMAC-SHA1 signed form request). */
    interface Sms {
        URI url();

        String accessKeyId();

        String accessKeySecret();

        /** 短信签名, shown by the carrier as 【…】 ahead of the text, and counted in its length. */
        String signName();

        /** The approved template code used for a notice kind that has none of its own. */
        String defaultTemplate();

        /** Template codes per notice kind. */
        Map<String, String> templates();

        /** Carrier segments one notice may take; a longer text is shortened. */
        @WithDefault("3")
        int maxParts();
    }

    /** WeChat official account template messages (公众号模板消息). */
    interface Wechat {
        URI url();

        String appId();

        String appSecret();

        String defaultTemplate();

        Map<String, String> templates();
    }

    /** The live inbox stream. */
    interface Inbox {
        /**
         * How often an idle stream gets an SSE comment ({@code :heartbeat}), so proxies and load balancers that
         * close connections silent for a while (often 30–60 s) keep it open; EventSource ignores comments.
         */
        @WithDefault("15s")
        Duration heartbeat();
    }
}
