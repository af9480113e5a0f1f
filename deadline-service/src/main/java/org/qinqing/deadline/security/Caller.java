package org.qinqing.deadline.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.qinqing.events.Actor;

/** The authenticated caller: realm roles and the department / region claims of PLATFORM.md §2. */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public Caller(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    public boolean is(String role) {
        return identity.hasRole(role);
    }

    public String department() {
        return claim("department");
    }

    /** The caller's region; a region covers itself and every region below it (code prefix). */
    public String region() {
        return claim("region");
    }

    /** 330100 → "3301", 330000 → "33", 330106 → "330106"; null when the caller has no region. */
    public String regionPrefix() {
        String region = region();
        if (region == null) {
            return null;
        }
        return region.endsWith("0000") ? region.substring(0, 2) : region.endsWith("00") ? region.substring(0, 4) : region;
    }

    public Actor asDepartment(String role) {
        return Actor.ofDepartment(role, department());
    }

    public Actor asRegion(String role) {
        return Actor.ofRegion(role, region());
    }

    private String claim(String name) {
        Object value = token.getClaim(name);
        return value == null ? null : value.toString().replace("\"", "");
    }
}
