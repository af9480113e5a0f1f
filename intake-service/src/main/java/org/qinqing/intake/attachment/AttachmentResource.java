package org.qinqing.intake.attachment;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.qinqing.security.Caller;

/** A grievance's attachments: the body of a POST is the file itself, its type the Content-Type. */
@Path("/api/v1/grievances/{id}/attachments")
public class AttachmentResource {

    private final AttachmentService attachments;
    private final Caller caller;

    public AttachmentResource(AttachmentService attachments, Caller caller) {
        this.attachments = attachments;
        this.caller = caller;
    }

    public record AttachmentView(UUID id, String name, String contentType, long size, String sha256, String addedByRole,
            Instant addedAt) {
        static AttachmentView of(Attachment a) {
            return new AttachmentView(a.id, a.name, a.contentType, a.size, a.sha256, a.addedByRole, a.addedAt);
        }
    }

    /** {@code X-Checksum-SHA256}: the client's SHA-256 of the file; a mismatch stores nothing. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "enterprise", "operator" })
    public Response add(@PathParam("id") UUID id, @QueryParam("name") @NotBlank @Size(max = 200)
            @Pattern(regexp = "[^/\\\\\\p{Cntrl}]+", message = "{qinqing.attachment.name}") String name,
            @HeaderParam("Content-Type") String contentType,
            @HeaderParam("X-Checksum-SHA256") @Pattern(regexp = "[0-9a-fA-F]{64}") String checksum, InputStream body) {
        return Response.status(201).entity(AttachmentView.of(attachments.add(id, name, contentType, checksum, body, caller)))
                .build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "enterprise", "operator", "dept-staff", "supervisor", "oversight" })
    public List<AttachmentView> list(@PathParam("id") UUID id) {
        return attachments.list(id, caller).stream().map(AttachmentView::of).toList();
    }

    @GET
    @Path("/{attachmentId}")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({ "enterprise", "operator", "dept-staff", "supervisor", "oversight" })
    public Response content(@PathParam("id") UUID id, @PathParam("attachmentId") UUID attachmentId) {
        AttachmentService.Download download = attachments.open(id, attachmentId, caller);
        return Response.ok(download.bytes(), download.attachment().contentType)
                .header("Content-Length", download.attachment().size)
                .header("Content-Disposition", "attachment; filename*=UTF-8''"
                        + URLEncoder.encode(download.attachment().name, StandardCharsets.UTF_8).replace("+", "%20"))
                .header("X-Checksum-SHA256", download.attachment().sha256).build();
    }
}
