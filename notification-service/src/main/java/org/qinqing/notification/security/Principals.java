package org.qinqing.notification.security;

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

    public Principals(Caller caller) {
        this.caller = caller;
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

    /** Whose read marks: the token's subject. */
    public String reader() {
        return caller.subject();
    }

    private void add(List<String> principals, String role, String kind, String value) {
        if (caller.is(role) && value != null) {
            principals.add(kind + ":" + value);
        }
    }
}
