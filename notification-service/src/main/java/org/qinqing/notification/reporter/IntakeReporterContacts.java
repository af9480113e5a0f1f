package org.qinqing.notification.reporter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Asks intake ({@code GET /internal/v1/grievances/{id}/reporter-contact}); 404 means "no contact". */
@ApplicationScoped
public class IntakeReporterContacts implements ReporterContacts {

    private final IntakeInternalApi intake;

    public IntakeReporterContacts(@RestClient IntakeInternalApi intake) {
        this.intake = intake;
    }

    @Override
    public Optional<ReporterContact> find(UUID grievanceId, String purpose) {
        try {
            return Optional.ofNullable(intake.reporterContact(grievanceId, purpose));
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                return Optional.empty();
            }
            throw new Unavailable("intake answered " + e.getResponse().getStatus(), null);
        } catch (ProcessingException | io.quarkus.oidc.client.OidcClientException e) {
            throw new Unavailable("intake unreachable: " + e.getClass().getSimpleName(), e);
        }
    }
}
