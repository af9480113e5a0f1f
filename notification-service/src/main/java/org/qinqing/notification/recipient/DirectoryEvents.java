package org.qinqing.notification.recipient;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import org.qinqing.events.ReceivedEvent;

/**
 * Keeps recipients current from routing's directory: a department's name and whether it is still active (its
 * addresses are the admins'), and each enterprise's liaison officer (联系企业领导) with phone and e-mail.
 */
@ApplicationScoped
public class DirectoryEvents {

    private final Clock clock;
    private final RecipientDirectory directory;

    public DirectoryEvents(Clock clock, RecipientDirectory directory) {
        this.clock = clock;
        this.directory = directory;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onDepartmentChanged(ReceivedEvent changed) {
        String code = changed.text("code");
        if (code == null) {
            return;
        }
        directory.forget();
        Recipient r = Recipient.of("department:" + code, clock.instant());
        r.displayName = changed.text("name");
        r.active = changed.data().path("active").asBoolean(true);
        r.updatedAt = clock.instant();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onLiaisonChanged(ReceivedEvent changed) {
        String uscc = changed.text("uscc");
        if (uscc == null) {
            return;
        }
        String principal = "liaison:" + uscc;
        directory.forget();
        if (changed.data().path("removed").asBoolean(false)) {
            RecipientPreference.delete("principal", principal);
            Recipient.deleteById(principal);
            return;
        }
        Recipient r = Recipient.of(principal, clock.instant());
        String title = changed.text("title");
        r.displayName = changed.text("officialName") + (title == null ? "" : "（" + title + "）");
        r.phone = changed.text("phone");
        r.email = changed.text("email");
        r.active = true;
        r.updatedAt = clock.instant();
    }
}
