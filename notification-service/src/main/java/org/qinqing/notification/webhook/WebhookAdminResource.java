package org.qinqing.notification.webhook;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.qinqing.notification.template.NoticeKind;
import org.qinqing.problems.ProblemException;

/** Admins register integrators' endpoints; the signing secret is shown once, when the subscription is created. */
@Path("/api/v1/admin/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class WebhookAdminResource {

    public record NewSubscription(@NotBlank @Size(max = 100) String name,
            @NotNull @Pattern(regexp = "(enterprise|department|operators|supervisors|oversight):[A-Za-z0-9-]{1,50}") String principal,
            @NotNull @Pattern(regexp = "https?://\\S{3,490}") String url,
            @NotEmpty List<@NotBlank String> kinds) {
    }

    public record SubscriptionView(UUID id, String name, String principal, String url, List<String> kinds, boolean active,
            Instant createdAt, String secret) {
        static SubscriptionView of(WebhookSubscription s, boolean withSecret) {
            return new SubscriptionView(s.id, s.name, s.principal, s.url, List.of(s.kinds.split(",")), s.active,
                    s.createdAt, withSecret ? s.secret : null);
        }
    }

    private final java.time.Clock clock;

    public WebhookAdminResource(java.time.Clock clock) {
        this.clock = clock;
    }

    @POST
    @Transactional
    @ResponseStatus(201)
    public SubscriptionView create(@Valid @NotNull NewSubscription request) {
        for (String kind : request.kinds()) {
            if (!kind.equals("*") && NoticeKind.find(kind) == null) {
                throw ProblemException.unprocessable("unknown-kind", "Unknown notice kind", kind + " is not a notice kind")
                        .with("field", "kinds");
            }
        }
        WebhookSubscription s = new WebhookSubscription();
        s.id = UUID.randomUUID();
        s.name = request.name().strip();
        s.principal = request.principal();
        s.url = request.url();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        s.secret = HexFormat.of().formatHex(secret);
        s.kinds = String.join(",", request.kinds());
        s.active = true;
        s.createdAt = clock.instant();
        s.persist();
        return SubscriptionView.of(s, true);
    }

    @GET
    public List<SubscriptionView> list() {
        return WebhookSubscription.<WebhookSubscription>listAll().stream().map(s -> SubscriptionView.of(s, false)).toList();
    }

    /** Deactivates; pending deliveries to it then fail permanently. */
    @DELETE
    @Path("{id}")
    @Transactional
    @ResponseStatus(204)
    public void remove(@PathParam("id") UUID id) {
        WebhookSubscription s = WebhookSubscription.findById(id);
        if (s == null || !s.active) {
            throw ProblemException.notFound("webhook subscription", id);
        }
        s.active = false;
    }
}
