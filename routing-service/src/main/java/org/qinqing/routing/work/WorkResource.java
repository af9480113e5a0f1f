package org.qinqing.routing.work;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.qinqing.security.Caller;

/**
 * The departments' work (PLATFORM.md §2: {@code dept-staff} on their department's cases, {@code oversight} on
 * the tip-offs their commission handles); supervisors read the cases of their region.
 */
@Path("/api/v1/routing")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WorkResource {

    private final WorkQueue queue;
    private final WorkService work;
    private final Caller caller;

    public WorkResource(WorkQueue queue, WorkService work, Caller caller) {
        this.queue = queue;
        this.work = work;
        this.caller = caller;
    }

    @GET
    @Path("/work-queue")
    @RolesAllowed({ "dept-staff", "oversight" })
    public List<AssignmentView> workQueue(@QueryParam("state") WorkQueue.State state,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return queue.queue(caller.department(), state, page, size).stream().map(AssignmentView::of).toList();
    }

    @GET
    @Path("/assignments/{id}")
    @RolesAllowed({ "dept-staff", "oversight", "supervisor" })
    public AssignmentView one(@PathParam("id") UUID id) {
        return AssignmentView.of(caller.is("dept-staff") || caller.is("oversight")
                ? queue.ofDepartment(id, caller.department())
                : queue.ofRegion(id, caller.regionPrefix()));
    }

    @POST
    @Path("/assignments/{id}/sign")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ "dept-staff", "oversight" })
    public AssignmentView sign(@PathParam("id") UUID id) {
        return AssignmentView.of(work.sign(id, caller.department()));
    }

    @POST
    @Path("/assignments/{id}/notes")
    @RolesAllowed({ "dept-staff", "oversight" })
    public AssignmentView note(@PathParam("id") UUID id, @NotNull @Valid WorkCommands.Note note) {
        return AssignmentView.of(work.note(id, caller.department(), note));
    }

    @POST
    @Path("/assignments/{id}/info-requests")
    @RolesAllowed({ "dept-staff", "oversight" })
    public AssignmentView askForInformation(@PathParam("id") UUID id, @NotNull @Valid WorkCommands.AskForInformation ask) {
        return AssignmentView.of(work.askForInformation(id, caller.department(), ask));
    }

    @POST
    @Path("/assignments/{id}/extension-requests")
    @RolesAllowed({ "dept-staff", "oversight" })
    public Map<String, Object> requestExtension(@PathParam("id") UUID id, @NotNull @Valid WorkCommands.RequestExtension ask) {
        var request = work.requestExtension(id, caller.department(), ask);
        return Map.of("extensionRequestId", request.id, "workingDays", request.workingDays, "status", "AWAITING_DECISION");
    }

    @POST
    @Path("/assignments/{id}/co-handling-requests")
    @RolesAllowed({ "dept-staff", "oversight" })
    public AssignmentView requestCoHandling(@PathParam("id") UUID id, @NotNull @Valid WorkCommands.RequestCoHandling ask) {
        return AssignmentView.of(work.requestCoHandling(id, caller.department(), ask));
    }

    @POST
    @Path("/assignments/{id}/co-handling-input")
    @RolesAllowed({ "dept-staff", "oversight" })
    public Map<String, Object> answerCoHandling(@PathParam("id") UUID id, @NotNull @Valid WorkCommands.CoHandlingAnswer answer) {
        var input = work.answerCoHandling(id, caller.department(), answer);
        return Map.of("coHandlingInputId", input.id, "department", input.departmentCode, "answeredAt", input.answeredAt);
    }

    @POST
    @Path("/assignments/{id}/reply")
    @RolesAllowed({ "dept-staff", "oversight" })
    public Map<String, Object> reply(@PathParam("id") UUID id, @NotNull @Valid WorkCommands.ReplyToEnterprise body) {
        var reply = work.reply(id, caller.department(), body);
        return Map.of("replyId", reply.id, "round", reply.round, "repliedAt", reply.repliedAt);
    }

    @POST
    @Path("/assignments/{id}/return")
    @RolesAllowed({ "dept-staff", "oversight" })
    public Map<String, Object> returnCase(@PathParam("id") UUID id, @NotNull @Valid WorkCommands.ReturnCase body) {
        var a = work.returnCase(id, caller.department(), body);
        return Map.of("grievanceId", a.grievanceId, "returnedBy", List.of(a.returnedBy), "nextStatus", a.status.name());
    }

    @GET
    @Path("/manual-queue")
    @RolesAllowed("operator")
    public List<AssignmentView> manualQueue(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        if (caller.regionPrefix() == null) {
            return List.of();
        }
        return queue.manualQueue(caller.regionPrefix(), page, size).stream().map(AssignmentView::of).toList();
    }

    @POST
    @Path("/assignments/{id}/manual-dispatch")
    @RolesAllowed("operator")
    public AssignmentView manualDispatch(@PathParam("id") UUID id, @NotNull @Valid WorkCommands.ManualDispatch body) {
        if (caller.regionPrefix() == null) {
            throw org.qinqing.problems.ProblemException.notFound("assignment", id);
        }
        return AssignmentView.of(work.manualDispatch(id, caller.regionPrefix(), caller.region(), body));
    }
}
