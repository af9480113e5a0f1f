package org.qinqing.notification.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import org.qinqing.notification.config.NotificationConfig;
import org.qinqing.notification.recipient.RecipientDirectory;

/** 免打扰: when an SMS or WeChat message that is not urgent may go out (default 22:00–08:00 Asia/Shanghai). */
@ApplicationScoped
public class QuietHours {

    private final NotificationConfig.QuietHours defaults;
    private final RecipientDirectory directory;

    public QuietHours(NotificationConfig config, RecipientDirectory directory) {
        this.defaults = config.quietHours();
        this.directory = directory;
    }

    /** {@code now} itself outside the recipient's quiet hours, else the moment they end. */
    public Instant nextAllowed(Instant now, String principal) {
        RecipientDirectory.Contact r = principal == null ? null : directory.of(principal).recipient();
        LocalTime start = r != null && r.quietStart() != null ? r.quietStart() : defaults.start();
        LocalTime end = r != null && r.quietEnd() != null ? r.quietEnd() : defaults.end();
        return nextAllowed(now, start, end);
    }

    Instant nextAllowed(Instant now, LocalTime start, LocalTime end) {
        if (start.equals(end)) {
            return now;
        }
        ZonedDateTime local = now.atZone(defaults.zone());
        LocalTime t = local.toLocalTime();
        boolean overnight = start.isAfter(end);
        boolean quiet = overnight ? !t.isBefore(start) || t.isBefore(end) : !t.isBefore(start) && t.isBefore(end);
        if (!quiet) {
            return now;
        }
        ZonedDateTime endToday = local.with(end).withSecond(0).withNano(0);
        return (overnight && !t.isBefore(start) ? endToday.plusDays(1) : endToday).toInstant();
    }
}
