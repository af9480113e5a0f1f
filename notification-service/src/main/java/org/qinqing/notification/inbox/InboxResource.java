package org.qinqing.notification.inbox;

import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.qinqing.notification.config.NotificationConfig;
import org.qinqing.notification.security.Principals;
import org.qinqing.problems.ProblemException;

/**
 * The logged-in user's inbox: the messages addressed to the principals its token grants (PLATFORM.md §5),
 * read marks per user, and a live stream (server-sent events) of new messages. Another principal's message or
 * inbox is 404.
 */
@Path("/api/v1/inbox")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "enterprise", "operator", "dept-staff", "supervisor", "oversight", "admin" })
public class InboxResource {

    public record MessageView(UUID id, String principal, UUID grievanceId, String kind, String title, String body,
            Instant createdAt, boolean read) {
        static MessageView of(InboxMessage m, boolean read) {
            return new MessageView(m.id, m.principal, m.grievanceId, m.kind, m.title, m.body, m.createdAt, read);
        }
    }

    public record UnreadCount(long unread) {
    }

    private final Principals principals;
    private final EntityManager entityManager;
    private final InboxStream stream;
    private final Clock clock;
    private final NotificationConfig config;

    public InboxResource(Principals principals, EntityManager entityManager, InboxStream stream, Clock clock,
            NotificationConfig config) {
        this.principals = principals;
        this.entityManager = entityManager;
        this.stream = stream;
        this.clock = clock;
        this.config = config;
    }

    /** The caller's messages, newest first; optionally those of one grievance, of one of its principals, or unread. */
    @GET
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<MessageView> list(@QueryParam("grievanceId") UUID grievanceId, @QueryParam("principal") String principal,
            @QueryParam("unread") @DefaultValue("false") boolean unreadOnly,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        String reader = principals.reader();
        String sql = "SELECT m.* FROM inbox_message m WHERE m.principal IN (:mine)"
                + (grievanceId == null ? "" : " AND m.grievance_id = :grievanceId")
                + (unreadOnly ? " AND NOT EXISTS (SELECT 1 FROM inbox_read r WHERE r.message_id = m.id AND r.reader = :reader)" : "")
                + " ORDER BY m.created_at DESC, m.id LIMIT :size OFFSET :offset";
        var query = entityManager.createNativeQuery(sql, InboxMessage.class).setParameter("mine", scope(principal))
                .setParameter("size", size).setParameter("offset", page * size);
        if (grievanceId != null) {
            query.setParameter("grievanceId", grievanceId);
        }
        if (unreadOnly) {
            query.setParameter("reader", reader);
        }
        @SuppressWarnings("unchecked")
        List<InboxMessage> messages = query.getResultList();
        List<UUID> read = readAmong(messages.stream().map(m -> m.id).toList(), reader);
        return messages.stream().map(m -> MessageView.of(m, read.contains(m.id))).toList();
    }

    @GET
    @Path("unread-count")
    @Transactional(Transactional.TxType.SUPPORTS)
    public UnreadCount unreadCount(@QueryParam("principal") String principal) {
        Number count = (Number) entityManager.createNativeQuery("""
                SELECT count(*) FROM inbox_message m
                 WHERE m.principal IN (:mine)
                   AND NOT EXISTS (SELECT 1 FROM inbox_read r WHERE r.message_id = m.id AND r.reader = :reader)""")
                .setParameter("mine", scope(principal)).setParameter("reader", principals.reader())
                .getSingleResult();
        return new UnreadCount(count.longValue());
    }

    @GET
    @Path("{id}")
    @Transactional(Transactional.TxType.SUPPORTS)
    public MessageView one(@PathParam("id") UUID id) {
        InboxMessage m = mine(id);
        return MessageView.of(m, !readAmong(List.of(id), principals.reader()).isEmpty());
    }

    /** Marks one message read for the caller (idempotent). */
    @POST
    @Path("{id}/read")
    @Transactional
    @ResponseStatus(204)
    public void markRead(@PathParam("id") UUID id) {
        mine(id);
        entityManager.createNativeQuery("""
                INSERT INTO inbox_read (message_id, reader, read_at) VALUES (?1, ?2, ?3)
                ON CONFLICT (message_id, reader) DO NOTHING""")
                .setParameter(1, id).setParameter(2, principals.reader()).setParameter(3, clock.instant()).executeUpdate();
    }

    /**
     * New messages as they arrive, as server-sent events (JSON data); a browser's EventSource passes the token as
     * the {@code access_token} query parameter (see AccessTokenFromQuery). Between messages, an SSE comment
     * ({@code :heartbeat}) every {@code notification.inbox.heartbeat} keeps proxies from closing an idle stream.
     */
    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@QueryParam("principal") String principal, @Context Sse sse) {
        Multi<OutboundSseEvent> messages = stream.follow(scope(principal))
                .map(m -> sse.newEventBuilder().mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(MessageView.class, MessageView.of(m, false)).build());
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().every(config.inbox().heartbeat())
                .map(tick -> sse.newEventBuilder().comment("heartbeat").build());
        return Multi.createBy().merging().streams(messages, heartbeats);
    }

    private List<String> scope(String principal) {
        List<String> mine = principals.granted();
        if (principal == null) {
            return mine;
        }
        if (!mine.contains(principal)) {
            throw ProblemException.notFound("inbox", principal);
        }
        return List.of(principal);
    }

    private InboxMessage mine(UUID id) {
        InboxMessage m = InboxMessage.findById(id);
        if (m == null || !principals.granted().contains(m.principal)) {
            throw ProblemException.notFound("message", id);
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private List<UUID> readAmong(List<UUID> ids, String reader) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return entityManager.createNativeQuery("SELECT message_id FROM inbox_read WHERE reader = :reader AND message_id IN (:ids)",
                UUID.class).setParameter("reader", reader).setParameter("ids", ids).getResultList();
    }
}
