package org.qinqing.routing.directory;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.qinqing.problems.ProblemException;
import org.qinqing.routing.rules.RoutingRule;
import org.qinqing.security.Caller;

/** The directory, the routing rules and the liaison officers: the admin's (PLATFORM.md §2). */
@Path("/api/v1/routing")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class DirectoryResource {

    private final DirectoryService directory;
    private final Caller caller;

    public DirectoryResource(DirectoryService directory, Caller caller) {
        this.directory = directory;
        this.caller = caller;
    }

    @GET
    @Path("/departments")
    public List<Department> departments() {
        return Department.listAll(io.quarkus.panache.common.Sort.by("regionCode").and("code"));
    }

    @GET
    @Path("/departments/{code}")
    public Department department(@PathParam("code") String code) {
        return Department.<Department>findByIdOptional(code).orElseThrow(() -> ProblemException.notFound("department", code));
    }

    @POST
    @Path("/departments")
    public Response create(@NotNull @Valid DirectoryCommands.DepartmentEntry entry) {
        return Response.status(201).entity(directory.save(entry, true, caller.asRegion("admin"))).build();
    }

    @PUT
    @Path("/departments/{code}")
    public Department update(@PathParam("code") String code, @NotNull @Valid DirectoryCommands.DepartmentEntry entry) {
        if (!code.equals(entry.code())) {
            throw new ProblemException(422, "code-mismatch", "Code mismatch", "the body's code must be " + code);
        }
        return directory.save(entry, false, caller.asRegion("admin"));
    }

    @DELETE
    @Path("/departments/{code}")
    public Response delete(@PathParam("code") String code) {
        directory.delete(code, caller.asRegion("admin"));
        return Response.noContent().build();
    }

    @GET
    @Path("/rules")
    public List<RoutingRule> rules() {
        return RoutingRule.listAll(io.quarkus.panache.common.Sort.descending("priority").and("id"));
    }

    @POST
    @Path("/rules")
    public Response createRule(@NotNull @Valid DirectoryCommands.RuleEntry entry) {
        return Response.status(201).entity(directory.save(entry, true)).build();
    }

    @PUT
    @Path("/rules/{id}")
    public RoutingRule updateRule(@PathParam("id") String id, @NotNull @Valid DirectoryCommands.RuleEntry entry) {
        if (!id.equals(entry.id())) {
            throw new ProblemException(422, "id-mismatch", "Id mismatch", "the body's id must be " + id);
        }
        return directory.save(entry, false);
    }

    @DELETE
    @Path("/rules/{id}")
    public Response deleteRule(@PathParam("id") String id) {
        directory.deleteRule(id);
        return Response.noContent().build();
    }

    @GET
    @Path("/liaisons")
    public List<LiaisonOfficer> liaisons() {
        return LiaisonOfficer.listAll();
    }

    @PUT
    @Path("/liaisons/{uscc}")
    public LiaisonOfficer saveLiaison(@PathParam("uscc") @Pattern(regexp = "[0-9A-HJ-NPQRTUWXY]{18}") String uscc,
            @NotNull @Valid DirectoryCommands.LiaisonEntry entry) {
        return directory.saveLiaison(uscc, entry, caller.asRegion("admin"));
    }

    @DELETE
    @Path("/liaisons/{uscc}")
    public Response deleteLiaison(@PathParam("uscc") String uscc) {
        directory.deleteLiaison(uscc, caller.asRegion("admin"));
        return Response.noContent().build();
    }
}
