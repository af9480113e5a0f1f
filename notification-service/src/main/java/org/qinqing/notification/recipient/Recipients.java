package org.qinqing.notification.recipient;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.qinqing.notification.channel.ChannelKind;
import org.qinqing.notification.inbox.CaseRecipient;
import org.qinqing.notification.template.NoticeKind;

/**
 * Which channels and addresses reach a principal for a kind of notice. The inbox reaches every principal a user
 * can log in as; other channels need an address: the case's contact for its enterprise, the recipient's own
 * record otherwise. A tip-off reporter is reached by SMS and e-mail at the contact intake gives when sending.
 */
@ApplicationScoped
public class Recipients {

    private final RecipientDirectory directory;

    public Recipients(RecipientDirectory directory) {
        this.directory = directory;
    }

    /** One way to one recipient; {@code address} null means "ask intake when sending" (tip-off reporter). */
    public record Target(ChannelKind channel, String address, String language) {
    }

    public static final String DEFAULT_LANGUAGE = "zh-CN";

    public List<Target> targets(String principal, NoticeKind kind, CaseRecipient c) {
        RecipientDirectory.Entry entry = directory.of(principal);
        RecipientDirectory.Contact r = entry.recipient();
        String language = r == null || r.language() == null ? DEFAULT_LANGUAGE : r.language();
        Map<ChannelKind, String> addresses = new EnumMap<>(ChannelKind.class);
        boolean reporter = principal.startsWith("reporter:");
        if (inboxAddressable(principal)) {
            addresses.put(ChannelKind.IN_APP, principal);
        }
        if (principal.startsWith("enterprise:") && c != null) {
            putIfPresent(addresses, ChannelKind.SMS, c.contactPhone);
            putIfPresent(addresses, ChannelKind.EMAIL, c.contactEmail);
        }
        if (r != null && r.active()) {
            putIfPresent(addresses, ChannelKind.EMAIL, r.email());
            putIfPresent(addresses, ChannelKind.SMS, r.phone());
            putIfPresent(addresses, ChannelKind.WECHAT, r.wechatOpenId());
        }
        if (r != null && !r.active()) {
            addresses.keySet().retainAll(List.of(ChannelKind.IN_APP));
        }
        List<ChannelKind> wanted = r == null ? null : wanted(entry.preferences(), kind);
        List<Target> targets = new ArrayList<>();
        if (reporter) {
            for (ChannelKind channel : List.of(ChannelKind.SMS, ChannelKind.EMAIL)) {
                targets.add(new Target(channel, null, DEFAULT_LANGUAGE));
            }
            return targets;
        }
        addresses.forEach((channel, address) -> {
            if (wanted == null || wanted.contains(channel)) {
                targets.add(new Target(channel, address, language));
            }
        });
        return targets;
    }

    /** The principal's active webhook subscriptions. */
    public List<RecipientDirectory.Webhook> webhooks(String principal) {
        return directory.of(principal).webhooks();
    }

    /** The current address of a principal for a channel, for a replay after an admin corrected it. */
    public String currentAddress(String principal, ChannelKind channel) {
        Recipient r = Recipient.findById(principal);
        if (r == null || !r.active) {
            return null;
        }
        return switch (channel) {
            case EMAIL -> r.email;
            case SMS -> r.phone;
            case WECHAT -> r.wechatOpenId;
            default -> null;
        };
    }

    private static final Pattern INBOX_ADDRESSABLE = Pattern.compile("(user|enterprise|department|operators|supervisors|oversight):.+");

    public static boolean inboxAddressable(String principal) {
        return INBOX_ADDRESSABLE.matcher(principal).matches();
    }

    private static List<ChannelKind> wanted(List<RecipientDirectory.Preference> preferences, NoticeKind kind) {
        RecipientDirectory.Preference any = null;
        for (RecipientDirectory.Preference p : preferences) {
            if (p.kind().equals(kind.key())) {
                return p.channels();
            }
            if (p.kind().equals("*")) {
                any = p;
            }
        }
        return any == null ? null : any.channels();
    }

    private static void putIfPresent(Map<ChannelKind, String> addresses, ChannelKind channel, String address) {
        if (address != null && !address.isBlank()) {
            addresses.putIfAbsent(channel, address);
        }
    }
}
