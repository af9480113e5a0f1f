package org.qinqing.notification.inbox;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.qinqing.notification.security.Principals;

@Path("/api/v1/inbox")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "enterprise", "operator", "dept-staff", "supervisor", "oversight", "admin" })
public class InboxResource {

    public record MessageView(UUID id, String principal, UUID grievanceId, String kind, String title, String body,
            Instant createdAt, boolean read) {
        static MessageView of(InboxMessage m) {
            return new MessageView(m.id, m.principal, m.grievanceId, m.kind, m.title, m.body, m.createdAt, m.readAt != null);
        }
    }

    private final Principals principals;

    public InboxResource(Principals principals) {
        this.principals = principals;
    }

    /** The caller's messages, newest first; optionally those of one grievance. */
    @GET
    public List<MessageView> list(@QueryParam("grievanceId") UUID grievanceId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        List<String> mine = principals.granted();
        var query = grievanceId == null
                ? InboxMessage.<InboxMessage>find("principal in ?1", Sort.descending("createdAt"), mine)
                : InboxMessage.<InboxMessage>find("principal in ?1 and grievanceId = ?2", Sort.descending("createdAt"), mine,
                        grievanceId);
        return query.page(Page.of(page, size)).list().stream().map(MessageView::of).toList();
    }
}
