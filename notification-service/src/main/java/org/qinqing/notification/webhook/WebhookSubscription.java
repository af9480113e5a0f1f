package org.qinqing.notification.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An integrator's endpoint for one principal's notices ({@code kinds} comma-separated, or {@code *}). */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription extends PanacheEntityBase {

    @Id
    public UUID id;
    public String name;
    public String principal;
    public String url;
    public String secret;
    public String kinds;
    public boolean active;
    @Column(name = "created_at")
    public Instant createdAt;
}
