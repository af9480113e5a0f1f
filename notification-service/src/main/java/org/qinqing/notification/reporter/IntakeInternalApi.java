package org.qinqing.notification.reporter;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** intake's internal API, called with a client-credentials token of Keycloak client {@code qinqing-notification}. */
@RegisterRestClient(configKey = "intake")
@OidcClientFilter
@Path("/internal/v1/grievances")
public interface IntakeInternalApi {

    @GET
    @Path("{id}/reporter-contact")
    @Produces(MediaType.APPLICATION_JSON)
    ReporterContact reporterContact(@PathParam("id") UUID grievanceId, @jakarta.ws.rs.QueryParam("purpose") String purpose);
}
