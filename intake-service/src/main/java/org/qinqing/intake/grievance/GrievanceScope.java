package org.qinqing.intake.grievance;

import io.quarkus.panache.common.Parameters;
import org.qinqing.security.Caller;

/**
 * Which grievances a caller may see, as a query condition (PLATFORM.md §2, the first row of the access table), so
 * ownership is checked in the query, never after loading. "Region" is the grievance's region or its lead
 * department's, either inside the caller's region (GB/T 2260 code prefix).
 */
public record GrievanceScope(String condition, Parameters parameters) {

    private static final String IN_REGION = "(regionCode like :region or leadDepartmentRegion like :region)";

    /** {@code reporterDigest}: the keyed digest of an enterprise caller's USCC, which finds its own tip-offs. */
    public static GrievanceScope of(Caller caller, String reporterDigest) {
        if (caller.is("enterprise") && caller.uscc() != null) {
            return new GrievanceScope("(uscc = :uscc or reporterDigest = :digest)",
                    Parameters.with("uscc", caller.uscc()).and("digest", String.valueOf(reporterDigest)));
        }
        if (caller.is("oversight") && caller.department() != null) {
            // tip-offs its commission handles, and whatever an escalation brought to it
            return new GrievanceScope("((category = 'TIP_OFF' and leadDepartmentCode = :department)"
                    + " or oversightRegion like :region)", Parameters.with("department", caller.department())
                            .and("region", prefix(caller)));
        }
        if (caller.is("supervisor") && caller.region() != null) {
            // never a case that names its own office as the respondent
            return new GrievanceScope(IN_REGION + " and (respondentDepartment is null or respondentDepartment <> :department)",
                    Parameters.with("region", prefix(caller)).and("department", String.valueOf(caller.department())));
        }
        if (caller.is("dept-staff") && caller.department() != null) {
            // lead or co-handling, until it returns the case; never a tip-off (its content is the oversight body's)
            return new GrievanceScope("category <> 'TIP_OFF' and (leadDepartmentCode = :department"
                    + " or coHandlingDepartments like :coHandling)", Parameters.with("department", caller.department())
                            .and("coHandling", "%," + caller.department() + ",%"));
        }
        if (caller.is("operator") && caller.region() != null) {
            return new GrievanceScope("category <> 'TIP_OFF' and " + IN_REGION, Parameters.with("region", prefix(caller)));
        }
        return new GrievanceScope("1 = 0", new Parameters());
    }

    private static String prefix(Caller caller) {
        return caller.regionPrefix() + "%";
    }

    /** Whether the caller sees internal steps of the timeline: staff and supervisors do, the enterprise does not. */
    public static boolean seesInternalSteps(Caller caller) {
        return !caller.is("enterprise");
    }
}
