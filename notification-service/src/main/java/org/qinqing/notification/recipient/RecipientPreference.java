package org.qinqing.notification.recipient;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.qinqing.notification.channel.ChannelKind;

/** The channels a recipient wants for one notice kind ({@code *}: every kind without a row of its own). */
@Entity
@Table(name = "recipient_preference")
@IdClass(RecipientPreference.Key.class)
public class RecipientPreference extends io.quarkus.hibernate.orm.panache.PanacheEntityBase {

    public static class Key implements Serializable {
        public String principal;
        public String kind;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(principal, k.principal) && java.util.Objects.equals(kind, k.kind);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(principal, kind);
        }
    }

    @Id
    public String principal;
    @Id
    public String kind;
    public String channels;

    public List<ChannelKind> channelList() {
        return channels.isBlank() ? List.of()
                : Arrays.stream(channels.split(",")).map(ChannelKind::valueOf).toList();
    }
}
