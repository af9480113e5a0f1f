package org.qinqing.notification.recipient;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.qinqing.notification.channel.ChannelKind;
import org.qinqing.notification.template.NoticeKind;
import org.qinqing.problems.ProblemException;
import org.qinqing.security.Caller;

/**
 * An enterprise's own notification preferences (PLATFORM.md §4: recipients and preferences are notification's
 * data): channels per notice kind, language and quiet hours of the principal its notices are addressed to,
 * {@code enterprise:<uscc>} of the token's {@code uscc} claim (§5 "Inbox addressing"). There is no path
 * parameter, so no other recipient can be named. Addresses, the display name and whether the recipient is active
 * stay the admins' (RecipientAdminResource); a body setting them (or a principal) is refused with 422.
 */
@Path("/api/v1/me/notification-preferences")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("enterprise")
public class OwnPreferencesResource {

    /** The notices an enterprise receives; preferences for others would never apply. */
    static final Set<NoticeKind> ENTERPRISE_KINDS = EnumSet.of(NoticeKind.RECEIPT, NoticeKind.REJECTED,
            NoticeKind.DISPATCHED, NoticeKind.INFO_REQUESTED, NoticeKind.REPLY, NoticeKind.CLOSED);
    /** Webhooks are integrators' subscriptions that admins issue, not a personal channel. */
    static final Set<ChannelKind> PERSONAL_CHANNELS = EnumSet.of(ChannelKind.IN_APP, ChannelKind.EMAIL, ChannelKind.SMS,
            ChannelKind.WECHAT);

    public record QuietHours(@NotNull LocalTime start, @NotNull LocalTime end) {
    }

    /**
     * Replaces all three: a missing language is zh-CN, missing quiet hours the default, missing channels all. The
     * admins' fields are read only to refuse them: silently ignoring them would let a client believe it set them.
     */
    public record Preferences(@Pattern(regexp = "zh-CN|en") String language, @Valid QuietHours quietHours,
            Map<String, List<ChannelKind>> channels, Object principal, Object displayName, Object email, Object phone,
            Object wechatOpenId, Object active) {

        String adminField() {
            return principal != null ? "principal" : displayName != null ? "displayName" : email != null ? "email"
                    : phone != null ? "phone" : wechatOpenId != null ? "wechatOpenId" : active != null ? "active" : null;
        }
    }

    public record PreferencesView(String principal, String language, QuietHours quietHours,
            Map<String, List<ChannelKind>> channels, Instant updatedAt) {

        static PreferencesView of(String principal, Recipient r) {
            if (r == null) {
                return new PreferencesView(principal, Recipients.DEFAULT_LANGUAGE, null, Map.of(), null);
            }
            Map<String, List<ChannelKind>> channels = new TreeMap<>();
            r.preferences().forEach(p -> channels.put(p.kind, p.channelList()));
            return new PreferencesView(principal, r.language, r.quietStart == null ? null : new QuietHours(r.quietStart,
                    r.quietEnd), channels, r.updatedAt);
        }
    }

    private final Caller caller;
    private final Clock clock;

    public OwnPreferencesResource(Caller caller, Clock clock) {
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @Transactional(Transactional.TxType.SUPPORTS)
    public PreferencesView get() {
        String principal = own();
        return PreferencesView.of(principal, Recipient.findById(principal));
    }

    @PUT
    @Transactional
    public PreferencesView put(@Valid @NotNull Preferences preferences) {
        String principal = own();
        if (preferences.adminField() != null) {
            throw ProblemException.unprocessable("not-self-service", "Not a preference",
                    preferences.adminField() + " is kept by the platform's administrators").with("field", preferences.adminField());
        }
        Map<String, List<ChannelKind>> channels = preferences.channels() == null ? Map.of() : preferences.channels();
        for (Map.Entry<String, List<ChannelKind>> preference : channels.entrySet()) {
            NoticeKind kind = NoticeKind.find(preference.getKey());
            if (!preference.getKey().equals("*") && (kind == null || !ENTERPRISE_KINDS.contains(kind))) {
                throw ProblemException.unprocessable("unknown-kind", "Unknown notice kind",
                        preference.getKey() + " is not a notice an enterprise receives").with("field", "channels");
            }
            if (preference.getValue() == null || preference.getValue().contains(null)
                    || !PERSONAL_CHANNELS.containsAll(preference.getValue())) {
                throw ProblemException.unprocessable("invalid-channels", "Invalid channels", "channels of "
                        + preference.getKey() + " must be a list of IN_APP, EMAIL, SMS, WECHAT").with("field", "channels");
            }
        }
        Instant now = clock.instant();
        Recipient r = Recipient.of(principal, now);
        r.language = preferences.language() == null ? Recipients.DEFAULT_LANGUAGE : preferences.language();
        r.quietStart = preferences.quietHours() == null ? null : preferences.quietHours().start();
        r.quietEnd = preferences.quietHours() == null ? null : preferences.quietHours().end();
        r.updatedAt = now;
        RecipientPreference.replaceAll(principal, channels);
        return PreferencesView.of(principal, r);
    }

    /** The enterprise the token speaks for; a token without a uscc claim has no recipient of its own. */
    private String own() {
        String uscc = caller.uscc();
        if (uscc == null || uscc.isBlank()) {
            throw ProblemException.forbidden("the token names no enterprise (uscc claim)");
        }
        return "enterprise:" + uscc;
    }
}
