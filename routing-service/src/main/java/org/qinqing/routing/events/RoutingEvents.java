package org.qinqing.routing.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;
import org.qinqing.events.EventName;
import org.qinqing.routing.rules.RoutingTable;

/** The events routing publishes (PLATFORM.md §4). No event carries a tip-off reporter's data. */
public final class RoutingEvents {

    private RoutingEvents() {
    }

    /** A department as every consumer of {@code dispatched} needs it: escalation targets come from its region chain. */
    public record DepartmentRef(String code, String name, String kind, String level, String region, List<String> regionChain) {
        public static DepartmentRef of(RoutingTable.Dept d) {
            return new DepartmentRef(d.code(), d.name(), d.kind().name(), d.level(), d.region(),
                    RoutingTable.regionChain(d.region()));
        }
    }

    public record RuleRef(String id, String description) {
    }

    /** {@code cause}: ACCEPTED, RETURN, REOPENED, MANUAL or SUPERVISOR_DECISION. */
    @EventName("dispatched")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Dispatched(int round, String cause, DepartmentRef lead, List<DepartmentRef> coHandling, RuleRef rule,
            String reason) {
    }

    @EventName("manual-dispatch-required")
    public record ManualDispatchRequired(String reason, String regionCode) {
    }

    @EventName("signed")
    public record Signed(String department, int round) {
    }

    /** {@code visibility}: ENTERPRISE (shown on the enterprise's timeline) or INTERNAL (staff and supervisors). */
    @EventName("note-added")
    public record NoteAdded(String department, String text, String visibility) {
    }

    @EventName("info-requested")
    public record InfoRequested(UUID infoRequestId, String department, String question) {
    }

    @EventName("extension-requested")
    public record ExtensionRequested(UUID extensionRequestId, String department, String clock, int workingDays,
            String reason) {
    }

    @EventName("co-handling-requested")
    public record CoHandlingRequested(UUID coHandlingInputId, String department, String requestedBy, String question) {
    }

    @EventName("returned")
    public record Returned(String department, String reason, String basis, int returnCount, int round) {
    }

    public record ReturnRef(String department, String reason, String basis, java.time.Instant returnedAt) {
    }

    @EventName("return-escalated")
    public record ReturnEscalated(List<ReturnRef> returns, String regionCode, String region) {
    }

    public record CoHandlingAnswer(String department, String answer) {
    }

    @EventName("replied")
    public record Replied(UUID replyId, String department, int round, String text, List<String> attachments,
            List<CoHandlingAnswer> coHandlingInputs) {
    }

    /** A directory entry as it now stands; {@code active} false when it was deactivated. */
    @EventName("department-changed")
    public record DepartmentChanged(String code, String name, String nameEn, String kind, String level, String region,
            String parent, String duty, List<String> regionChain, boolean active) {
    }

    @EventName("liaison-changed")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LiaisonChanged(String uscc, String officialName, String title, String department, String phone,
            String email, boolean removed) {
    }
}
