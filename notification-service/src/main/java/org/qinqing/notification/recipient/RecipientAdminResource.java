package org.qinqing.notification.recipient;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.qinqing.notification.channel.ChannelKind;
import org.qinqing.notification.channel.Masking;
import org.qinqing.notification.template.NoticeKind;
import org.qinqing.problems.ProblemException;

/**
 * Admins keep recipients' addresses and preferences: channels per notice kind ({@code *} for the rest), language,
 * quiet hours. Department names and liaison officers also arrive from routing's directory events; an admin's
 * addresses for a department survive those.
 */
@Path("/api/v1/admin/recipients")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class RecipientAdminResource {

    static final String PRINCIPAL = "(enterprise|department|operators|supervisors|oversight|liaison|user):[A-Za-z0-9_.@-]{1,60}";

    public record QuietHoursEntry(@NotNull LocalTime start, @NotNull LocalTime end) {
    }

    public record RecipientEntry(@Size(max = 200) String displayName,
            @Pattern(regexp = "zh-CN|en") String language,
            @Email @Size(max = 200) String email,
            @Pattern(regexp = "\\+?\\d{6,15}") String phone,
            @Pattern(regexp = "[A-Za-z0-9_-]{6,64}") String wechatOpenId,
            @Valid QuietHoursEntry quietHours,
            Boolean active,
            Map<String, List<ChannelKind>> channels) {
    }

    public record RecipientView(String principal, String displayName, String language, String email, String phone,
            String wechatOpenId, QuietHoursEntry quietHours, boolean active, Map<String, List<ChannelKind>> channels,
            Instant updatedAt) {

        static RecipientView of(Recipient r, boolean masked) {
            Map<String, List<ChannelKind>> channels = new TreeMap<>();
            r.preferences().forEach(p -> channels.put(p.kind, p.channelList()));
            return new RecipientView(r.principal, r.displayName, r.language,
                    masked && r.email != null ? Masking.email(r.email) : r.email,
                    masked && r.phone != null ? Masking.phone(r.phone) : r.phone,
                    masked ? Masking.address(ChannelKind.WECHAT, r.wechatOpenId) : r.wechatOpenId,
                    r.quietStart == null ? null : new QuietHoursEntry(r.quietStart, r.quietEnd), r.active, channels,
                    r.updatedAt);
        }
    }

    private final Clock clock;

    public RecipientAdminResource(Clock clock) {
        this.clock = clock;
    }

    /** Every recipient, addresses masked. */
    @GET
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RecipientView> list() {
        return Recipient.<Recipient>list("order by principal").stream().map(r -> RecipientView.of(r, true)).toList();
    }

    /** One recipient in full, for editing. */
    @GET
    @Path("{principal}")
    @Transactional(Transactional.TxType.SUPPORTS)
    public RecipientView get(@PathParam("principal") String principal) {
        Recipient r = Recipient.findById(principal);
        if (r == null) {
            throw ProblemException.notFound("recipient", principal);
        }
        return RecipientView.of(r, false);
    }

    /** Creates or replaces a recipient's addresses and preferences. */
    @PUT
    @Path("{principal}")
    @Transactional
    public RecipientView put(@PathParam("principal") @Pattern(regexp = PRINCIPAL) String principal,
            @Valid @NotNull RecipientEntry entry) {
        Map<String, List<ChannelKind>> channels = entry.channels() == null ? Map.of() : entry.channels();
        for (Map.Entry<String, List<ChannelKind>> preference : channels.entrySet()) {
            if (!preference.getKey().equals("*") && NoticeKind.find(preference.getKey()) == null) {
                throw ProblemException.unprocessable("unknown-kind", "Unknown notice kind",
                        preference.getKey() + " is not a notice kind").with("field", "channels");
            }
            if (preference.getValue() == null || preference.getValue().contains(null)) {
                throw ProblemException.unprocessable("invalid-channels", "Invalid channels",
                        "channels of " + preference.getKey() + " must be a list of channels").with("field", "channels");
            }
        }
        Instant now = clock.instant();
        Recipient r = Recipient.of(principal, now);
        r.displayName = entry.displayName() != null ? entry.displayName().strip() : r.displayName;
        r.language = entry.language() == null ? "zh-CN" : entry.language();
        r.email = entry.email();
        r.phone = entry.phone();
        r.wechatOpenId = entry.wechatOpenId();
        r.quietStart = entry.quietHours() == null ? null : entry.quietHours().start();
        r.quietEnd = entry.quietHours() == null ? null : entry.quietHours().end();
        r.active = entry.active() == null || entry.active();
        r.updatedAt = now;
        RecipientPreference.replaceAll(principal, channels);
        return RecipientView.of(r, false);
    }

    @DELETE
    @Path("{principal}")
    @Transactional
    @ResponseStatus(204)
    public void delete(@PathParam("principal") String principal) {
        RecipientPreference.delete("principal", principal);
        if (!Recipient.deleteById(principal)) {
            throw ProblemException.notFound("recipient", principal);
        }
    }
}
