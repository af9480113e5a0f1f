package org.qinqing.notification.recipient;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

/**
 * A principal's addresses and preferences: a department's duty mailbox and phone, an office's WeChat openid, a
 * liaison officer's contact, an enterprise's chosen channels. Kept current from routing's directory events and
 * the admin API.
 */
@Entity
@Table(name = "recipient")
public class Recipient extends PanacheEntityBase {

    @Id
    public String principal;
    @Column(name = "display_name")
    public String displayName;
    public String language = "zh-CN";
    public String email;
    public String phone;
    @Column(name = "wechat_open_id")
    public String wechatOpenId;
    @Column(name = "quiet_start")
    public LocalTime quietStart;
    @Column(name = "quiet_end")
    public LocalTime quietEnd;
    public boolean active = true;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public List<RecipientPreference> preferences() {
        return RecipientPreference.list("principal", principal);
    }

    public static Recipient of(String principal, Instant now) {
        Recipient known = findById(principal);
        if (known != null) {
            return known;
        }
        Recipient fresh = new Recipient();
        fresh.principal = principal;
        fresh.updatedAt = now;
        fresh.persist();
        return fresh;
    }
}
