package org.qinqing.notification.notice;

import java.util.Map;
import java.util.UUID;
import org.qinqing.notification.template.NoticeKind;

/**
 * One thing to tell one principal, because of one event. {@code urgent} notices ignore quiet hours;
 * {@code link} (a rating link) is sent to the enterprise or reporter only, never in a copy.
 */
public record Notice(UUID eventId, NoticeKind kind, String recipient, boolean urgent, Map<String, Object> model,
        String link) {
}
