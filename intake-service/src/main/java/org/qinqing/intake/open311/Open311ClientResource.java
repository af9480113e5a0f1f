package org.qinqing.intake.open311;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.qinqing.security.Caller;

/** Platform administrators issue Open311 api_keys to named client organisations, and revoke them. */
@Path("/api/v1/open311-clients")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class Open311ClientResource {

    private final Open311Clients clients;
    private final Caller caller;

    public Open311ClientResource(Open311Clients clients, Caller caller) {
        this.clients = clients;
        this.caller = caller;
    }

    public record NewClient(@NotBlank @Size(max = 100) String organisation) {
    }

    /** {@code apiKey} only in the answer to issuing it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ClientView(UUID id, String organisation, Instant issuedAt, String issuedBy, Instant revokedAt, String apiKey) {
        static ClientView of(Open311Client c, String apiKey) {
            return new ClientView(c.id, c.organisation, c.issuedAt, c.issuedBy, c.revokedAt, apiKey);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response issue(@NotNull @Valid NewClient body) {
        Open311Clients.Issued issued = clients.issue(body.organisation().strip(), caller.name());
        return Response.status(201).entity(ClientView.of(issued.client(), issued.apiKey())).build();
    }

    @GET
    public List<ClientView> all() {
        return clients.all().stream().map(c -> ClientView.of(c, null)).toList();
    }

    @DELETE
    @Path("/{id}")
    public ClientView revoke(@PathParam("id") UUID id) {
        return ClientView.of(clients.revoke(id), null);
    }
}
