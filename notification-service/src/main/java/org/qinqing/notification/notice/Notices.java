package org.qinqing.notification.notice;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.qinqing.events.Actor;
import org.qinqing.events.Outbox;
import org.qinqing.notification.channel.ChannelKind;
import org.qinqing.notification.channel.Masking;
import org.qinqing.notification.delivery.DeliveryMetrics;
import org.qinqing.notification.delivery.QuietHours;
import org.qinqing.notification.events.NotificationEvents;
import org.qinqing.notification.inbox.CaseRecipient;
import org.qinqing.notification.inbox.InboxStream;
import org.qinqing.notification.recipient.RecipientDirectory;
import org.qinqing.notification.recipient.Recipients;
import org.qinqing.notification.template.Templates;

/**
 * Turns a notice into deliveries, inside the consuming event's transaction: the inbox message is written at
 * once (and announced to live streams when the transaction commits); e-mail, SMS, WeChat and webhook deliveries
 * are written as PENDING rows for the dispatcher, an SMS or WeChat message that is not urgent not before quiet
 * hours end. The unique (event, recipient, channel) key makes a redelivered event plan nothing new.
 */
@ApplicationScoped
public class Notices {

    private final DataSource dataSource;
    private final Outbox outbox;
    private final Recipients recipients;
    private final Templates templates;
    private final QuietHours quietHours;
    private final DeliveryMetrics metrics;
    private final ObjectMapper json;
    private final Clock clock;

    public Notices(DataSource dataSource, Outbox outbox, Recipients recipients, Templates templates,
            QuietHours quietHours, DeliveryMetrics metrics, ObjectMapper json, Clock clock) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.recipients = recipients;
        this.templates = templates;
        this.quietHours = quietHours;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void tell(Notice notice, CaseRecipient c) {
        Instant now = clock.instant();
        Map<String, Templates.Rendered> byLanguage = new HashMap<>();
        for (Recipients.Target target : recipients.targets(notice.recipient(), notice.kind(), c)) {
            Templates.Rendered rendered = byLanguage.computeIfAbsent(target.language(),
                    language -> templates.render(notice.kind(), language, notice.model()));
            if (target.channel() == ChannelKind.IN_APP) {
                tellInApp(notice, c, rendered, now);
                continue;
            }
            String body = switch (target.channel()) {
                case SMS -> rendered.sms();
                case WECHAT -> wechatData(rendered, c, now);
                default -> rendered.text();
            };
            plan(notice, c, target.channel(), notice.recipient(), target.address(), target.language(), rendered.title(),
                    body, now);
        }
        if (!c.tipOff) {
            for (RecipientDirectory.Webhook subscription : recipients.webhooks(notice.recipient())) {
                if (subscription.wants(notice.kind().key())) {
                    Templates.Rendered rendered = byLanguage.computeIfAbsent(Recipients.DEFAULT_LANGUAGE,
                            language -> templates.render(notice.kind(), language, notice.model()));
                    plan(notice, c, ChannelKind.WEBHOOK, "webhook:" + subscription.id(), subscription.url(),
                            Recipients.DEFAULT_LANGUAGE, rendered.title(), webhookBody(notice, c, rendered, now), now);
                }
            }
        }
    }

    private void tellInApp(Notice notice, CaseRecipient c, Templates.Rendered rendered, Instant now) {
        UUID messageId = UUID.randomUUID();
        UUID deliveryId = UUID.randomUUID();
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        // the message, its delivery row and the live streams' announcement in one round trip; a message already
        // written for this (event, principal) writes and announces nothing
        int inserted = write("""
                WITH message AS (
                    INSERT INTO inbox_message (id, principal, grievance_id, event_id, kind, title, body, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, principal) DO NOTHING
                    RETURNING id, principal, grievance_id, event_id, kind, title, body, created_at),
                delivered AS (
                    INSERT INTO delivery (id, event_id, grievance_id, kind, recipient, channel, address, language, urgent,
                                          subject, body, status, attempts, created_at, sent_at)
                    SELECT ?, event_id, grievance_id, kind, principal, 'IN_APP', principal, 'zh-CN', ?,
                           title, body, 'SENT', 1, created_at, created_at FROM message
                    ON CONFLICT (event_id, recipient, channel) DO NOTHING)
                SELECT pg_notify(?, """ + InboxStream.ANNOUNCEMENT_SQL + ") FROM message",
                messageId, notice.recipient(), c.grievanceId, notice.eventId(), notice.kind().key(), rendered.title(),
                rendered.text(), at, deliveryId, notice.urgent(), InboxStream.CHANNEL);
        if (inserted == 0) {
            return;
        }
        outbox.append(c.grievanceId, Actor.system(), new NotificationEvents.Delivered(deliveryId, ChannelKind.IN_APP.name(),
                Masking.principal(notice.recipient()), notice.kind().key(), "DELIVERED", 1));
        metrics.count(ChannelKind.IN_APP, DeliveryMetrics.Outcome.DELIVERED);
    }

    private void plan(Notice notice, CaseRecipient c, ChannelKind channel, String recipient, String address,
            String language, String subject, String body, Instant now) {
        Instant notBefore = channel.respectsQuietHours() && !notice.urgent()
                ? quietHours.nextAllowed(now, notice.recipient()) : now;
        String link = notice.link() == null || notice.link().isBlank() ? null : notice.link();
        int inserted = write("""
                INSERT INTO delivery (id, event_id, grievance_id, kind, recipient, channel, address, language, urgent,
                                      subject, body, link, status, next_attempt_at, deferred_until, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?)
                ON CONFLICT (event_id, recipient, channel) DO NOTHING""",
                UUID.randomUUID(), notice.eventId(), c.grievanceId, notice.kind().key(), recipient, channel.name(), address,
                language, notice.urgent(), subject, body, link, notBefore.atOffset(ZoneOffset.UTC),
                notBefore.isAfter(now) ? notBefore.atOffset(ZoneOffset.UTC) : null, now.atOffset(ZoneOffset.UTC));
        if (inserted == 1 && notBefore.isAfter(now)) {
            metrics.count(channel, DeliveryMetrics.Outcome.DEFERRED);
        }
    }

    /**
     * One statement through the transaction's own connection (the one Hibernate uses too): a native query through
     * Hibernate would flush the session and clear its caches before each of the several rows a notice writes.
     * Answers the rows written, or for a query the rows it returned.
     */
    private int write(String sql, Object... values) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            if (!statement.execute()) {
                return statement.getUpdateCount();
            }
            int rows = 0;
            try (ResultSet result = statement.getResultSet()) {
                while (result.next()) {
                    rows++;
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new PersistenceException("could not write a notice's row", e);
        }
    }

    /** The template message's data: heading, tracking number, the short text, the time. */
    private String wechatData(Templates.Rendered rendered, CaseRecipient c, Instant now) {
        ObjectNode data = json.createObjectNode();
        data.putObject("first").put("value", rendered.title());
        data.putObject("keyword1").put("value", c.trackingNumber == null ? "—" : c.trackingNumber);
        data.putObject("keyword2").put("value", rendered.sms());
        data.putObject("keyword3").put("value", NoticeRules.CHINA_TIME.format(now));
        data.putObject("remark").put("value", "");
        return data.toString();
    }

    /** What an integrator receives: no names, phone numbers or addresses. */
    private String webhookBody(Notice notice, CaseRecipient c, Templates.Rendered rendered, Instant now) {
        ObjectNode body = json.createObjectNode();
        body.put("eventId", notice.eventId().toString());
        body.put("kind", notice.kind().key());
        body.put("principal", notice.recipient());
        body.put("grievanceId", c.grievanceId.toString());
        body.put("trackingNumber", c.trackingNumber);
        body.put("title", rendered.title());
        body.put("text", rendered.text());
        body.put("createdAt", now.toString());
        return body.toString();
    }
}
