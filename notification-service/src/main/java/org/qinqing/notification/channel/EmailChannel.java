package org.qinqing.notification.channel;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/** E-mail through the SMTP server quarkus-mailer is configured for. */
@ApplicationScoped
public class EmailChannel implements Channel {

    private final Mailer mailer;

    public EmailChannel(Mailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.EMAIL;
    }

    @Override
    public int send(OutgoingMessage message) throws DeliveryFailure {
        try {
            mailer.send(Mail.withText(message.address(), message.subject(), message.body())
                    .addHeader("X-Qinqing-Delivery", message.deliveryId().toString()));
            return 1;
        } catch (RuntimeException e) {
            throw classify(e);
        }
    }

    /** SMTP 5xx replies are permanent (no such mailbox); 4xx replies and broken connections are worth a retry. */
    static DeliveryFailure classify(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SMTPException smtp) {
                String reason = "SMTP " + smtp.getReplyCode() + " " + smtp.getReplyMessage();
                return smtp.isPermanent() ? DeliveryFailure.permanent(reason) : DeliveryFailure.transientFailure(reason);
            }
            if (t instanceof IOException || t instanceof TimeoutException) {
                return DeliveryFailure.transientFailure("SMTP unreachable: " + t.getMessage(), t);
            }
        }
        return DeliveryFailure.transientFailure("SMTP failure: " + e.getMessage(), e);
    }
}
