package org.qinqing.notification.recipient;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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

    /** Replaces every channel preference of {@code principal} with these (notice kind, or {@code *}, → channels). */
    public static void replaceAll(String principal, Map<String, List<ChannelKind>> channels) {
        delete("principal", principal);
        channels.forEach((kind, list) -> {
            RecipientPreference p = new RecipientPreference();
            p.principal = principal;
            p.kind = kind;
            p.channels = String.join(",", list.stream().distinct().map(Enum::name).toList());
            p.persist();
        });
    }

    public List<ChannelKind> channelList() {
        return channelList(channels);
    }

    /** The stored form, {@code SMS,EMAIL}, read back. */
    static List<ChannelKind> channelList(String channels) {
        return channels.isBlank() ? List.of()
                : Arrays.stream(channels.split(",")).map(ChannelKind::valueOf).toList();
    }
}
