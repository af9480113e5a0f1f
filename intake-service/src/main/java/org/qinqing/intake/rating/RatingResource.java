package org.qinqing.intake.rating;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.UUID;
import org.qinqing.intake.grievance.Grievance;
import org.qinqing.intake.grievance.GrievanceStatus;

/** Rating a reply (好差评) without logging in, through the reply's signed single-use link. */
@Path("/api/v1/rating-links")
@Produces(MediaType.APPLICATION_JSON)
public class RatingResource {

    private final RatingService ratings;

    public RatingResource(RatingService ratings) {
        this.ratings = ratings;
    }

    /** A rating; a negative 清 mark needs the comment that says what happened, since it becomes a tip-off. */
    public record RatingBody(@NotNull Rating.Level level, @NotNull Boolean solved, @NotNull Rating.Mark qinMark,
            @NotNull Rating.Mark qingMark, @Size(max = 1000) String comment) {

        @AssertTrue(message = "{qinqing.rating.qing-comment}")
        public boolean isComment() {
            return qingMark != Rating.Mark.NEGATIVE || comment != null && !comment.isBlank();
        }

        public RatingService.RatingInput input() {
            return new RatingService.RatingInput(level, solved, qinMark, qingMark, comment);
        }
    }

    /** What the case's status is after the rating. */
    public record RatingOutcome(UUID grievanceId, String trackingNumber, GrievanceStatus status) {
        public static RatingOutcome of(Grievance g) {
            return new RatingOutcome(g.id, g.trackingNumber, g.status);
        }
    }

    /** What a rating link shows before rating: the case and the reply, nothing about the enterprise. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RatingInvitationView(String trackingNumber, String title, String department, String reply, Instant expiresAt) {
    }

    public record RatingView(int round, Rating.Level level, boolean solved, Rating.Mark qinMark, Rating.Mark qingMark,
            String comment, String ratedVia, Instant ratedAt) {
        public static RatingView of(Rating r) {
            return new RatingView(r.round, r.level, r.solved, r.qinMark, r.qingMark, r.comment, r.ratedVia, r.ratedAt);
        }
    }

    @GET
    @Path("/{token}")
    @PermitAll
    public RatingInvitationView invitation(@PathParam("token") @Size(max = 400) String token) {
        Grievance g = ratings.byLink(token);
        return new RatingInvitationView(g.trackingNumber, g.title, g.leadDepartmentName, g.lastReply, g.ratingDueAt);
    }

    @POST
    @Path("/{token}")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    public RatingOutcome rateByLink(@PathParam("token") @Size(max = 400) String token, @NotNull @Valid RatingBody body) {
        return RatingOutcome.of(ratings.rateByLink(token, body.input()));
    }
}
