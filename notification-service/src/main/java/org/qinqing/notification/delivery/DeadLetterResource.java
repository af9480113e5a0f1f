package org.qinqing.notification.delivery;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.qinqing.notification.channel.ChannelKind;
import org.qinqing.notification.channel.Masking;
import org.qinqing.notification.recipient.Recipients;
import org.qinqing.problems.ProblemException;
import org.qinqing.security.Caller;

/** Dead letters for admins: what failed for good and why; a replay sends the delivery again. */
@Path("/api/v1/admin/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class DeadLetterResource {

    public record DeadLetterView(UUID id, UUID deliveryId, UUID grievanceId, String kind, ChannelKind channel,
            String recipient, String address, int attempts, String reason, Instant deadAt, Instant replayedAt) {
    }

    private final Recipients recipients;
    private final Caller caller;
    private final Clock clock;

    public DeadLetterResource(Recipients recipients, Caller caller, Clock clock) {
        this.recipients = recipients;
        this.caller = caller;
        this.clock = clock;
    }

    /** Open dead letters, newest first; {@code all=true} includes replayed ones. */
    @GET
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DeadLetterView> list(@QueryParam("all") @DefaultValue("false") boolean all) {
        List<DeadLetter> letters = all ? DeadLetter.list("order by deadAt desc")
                : DeadLetter.list("replayedAt is null order by deadAt desc");
        return letters.stream().map(l -> {
            Delivery d = Delivery.findById(l.deliveryId);
            return new DeadLetterView(l.id, d.id, d.grievanceId, d.kind, d.channel, Masking.principal(d.recipient),
                    Masking.address(d.channel, d.address), d.attempts, l.reason, l.deadAt, l.replayedAt);
        }).toList();
    }

    /**
     * Sends the delivery again, now, with a fresh budget of attempts, to the recipient's current address if an
     * admin corrected it meanwhile. A replayed dead letter cannot be replayed twice (409).
     */
    @POST
    @Path("{id}/replay")
    @Transactional
    public DeadLetterView replay(@PathParam("id") UUID id) {
        DeadLetter letter = DeadLetter.findById(id);
        if (letter == null) {
            throw ProblemException.notFound("dead letter", id);
        }
        if (letter.replayedAt != null) {
            throw ProblemException.conflict("dead letter " + id + " was replayed at " + letter.replayedAt, "REPLAYED");
        }
        Delivery d = Delivery.findById(letter.deliveryId);
        Instant now = clock.instant();
        letter.replayedAt = now;
        letter.replayedBy = caller.subject();
        String current = recipients.currentAddress(d.recipient, d.channel);
        if (current != null && !d.recipient.startsWith("enterprise:")) {
            d.address = current;
        }
        d.status = Delivery.Status.PENDING;
        d.attempts = 0;
        d.nextAttemptAt = now;
        d.leaseUntil = null;
        return new DeadLetterView(letter.id, d.id, d.grievanceId, d.kind, d.channel, Masking.principal(d.recipient),
                Masking.address(d.channel, d.address), d.attempts, letter.reason, letter.deadAt, letter.replayedAt);
    }
}
