package org.qinqing.routing.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.qinqing.events.EventName;
import org.qinqing.routing.directory.Department;

/** The events routing publishes (PLATFORM.md §4). */
public final class RoutingEvents {

    private RoutingEvents() {
    }

    /** A department as every consumer of {@code dispatched} needs it: escalation targets come from its region chain. */
    public record DepartmentRef(String code, String name, String kind, String level, String region, List<String> regionChain) {
        public static DepartmentRef of(Department d) {
            return new DepartmentRef(d.code, d.nameZh, d.kind, d.level, d.regionCode, d.regionChain());
        }
    }

    public record RuleRef(String id, String description) {
    }

    @EventName("dispatched")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Dispatched(int round, DepartmentRef lead, List<DepartmentRef> coHandling, RuleRef rule, String reason) {
    }

    @EventName("manual-dispatch-required")
    public record ManualDispatchRequired(String reason, String regionCode) {
    }
}
