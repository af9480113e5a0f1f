package org.qinqing.notification.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * The channels' far ends as real servers in the test JVM: a GreenMail SMTP server, and one {@link FakeGateway}
 * HTTP server for the SMS gateway, WeChat, intake's internal API, the token endpoint and webhooks.
 */
public class LocalServers implements QuarkusTestResourceLifecycleManager {

    private static GreenMail mail;
    private static FakeGateway gateway;

    public static GreenMail mail() {
        return mail;
    }

    public static FakeGateway gateway() {
        return gateway;
    }

    @Override
    public Map<String, String> start() {
        int smtpPort = freePort();
        mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        gateway = new FakeGateway();
        return Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(smtpPort),
                "notification.sms.url", gateway.url() + "/sms",
                "notification.wechat.url", gateway.url(),
                "qinqing.intake.url", gateway.url(),
                "quarkus.oidc-client.auth-server-url", gateway.url() + "/realms/qinqing");
    }

    @Override
    public void stop() {
        if (mail != null) {
            mail.stop();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
