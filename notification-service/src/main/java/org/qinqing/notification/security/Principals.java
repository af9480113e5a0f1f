package org.qinqing.notification.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.ArrayList;
import java.util.List;
import org.qinqing.security.Caller;

/**
 * The inbox principals a logged-in user may read (PLATFORM.md §5 "Inbox addressing"): its own, and those its
 * token's claims grant — its region's, not those of the regions below.
 */
@RequestScoped
public class Principals {

    private final Caller caller;
    private final SecurityIdentity identity;

    public Principals(Caller caller, SecurityIdentity identity) {
        this.caller = caller;
        this.identity = identity;
    }

    public List<String> granted() {
        List<String> principals = new ArrayList<>();
        if (caller.subject() != null) {
            principals.add("user:" + caller.subject());
        }
        add(principals, "enterprise", "enterprise", caller.uscc());
        add(principals, "dept-staff", "department", caller.department());
        add(principals, "operator", "operators", caller.region());
        add(principals, "supervisor", "supervisors", caller.region());
        add(principals, "oversight", "oversight", caller.region());
        return principals;
    }

    /** Whose read marks: the token's subject (the principal's name when a token carries none). */
    public String reader() {
        return caller.subject() != null ? caller.subject() : identity.getPrincipal().getName();
    }

    private void add(List<String> principals, String role, String kind, String value) {
        if (caller.is(role) && value != null) {
            principals.add(kind + ":" + value);
        }
    }
}
