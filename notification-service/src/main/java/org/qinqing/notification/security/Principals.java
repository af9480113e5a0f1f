package org.qinqing.notification.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The inbox principals a logged-in user may read (PLATFORM.md §5 "Inbox addressing"): its own, and those its
 * token's claims grant — its region's, not those of the regions below.
 */
@RequestScoped
public class Principals {

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public Principals(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    public List<String> granted() {
        List<String> principals = new ArrayList<>();
        if (token.getSubject() != null) {
            principals.add("user:" + token.getSubject());
        }
        add(principals, "enterprise", "enterprise", "uscc");
        add(principals, "dept-staff", "department", "department");
        add(principals, "operator", "operators", "region");
        add(principals, "supervisor", "supervisors", "region");
        add(principals, "oversight", "oversight", "region");
        return principals;
    }

    private void add(List<String> principals, String role, String kind, String claim) {
        Object value = token.getClaim(claim);
        if (identity.hasRole(role) && value != null) {
            principals.add(kind + ":" + value.toString().replace("\"", ""));
        }
    }
}
