package org.qinqing.security;

import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.qinqing.events.Actor;

/**
 * The authenticated caller of a request: its realm roles and the claims of PLATFORM.md §2 — {@code uscc} for an
 * enterprise, {@code department} for staff, supervisors and oversight, {@code region} (GB/T 2260) for operators,
 * supervisors, oversight and admins. A region covers itself and every region below it (code prefix).
 */
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

    /** The token's subject, for {@code user:<sub>} addressing. */
    public String subject() {
        return token.getSubject();
    }

    /** The user name the token carries (preferred_username in Keycloak's tokens), for audit records. */
    public String name() {
        return identity.getPrincipal().getName();
    }

    public String uscc() {
        return claim("uscc");
    }

    public String department() {
        return claim("department");
    }

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
        // JsonWebToken.getClaim first tries the name as a standard claim (Claims.valueOf), and a custom claim such
        // as uscc costs an IllegalArgumentException on every call; the token's own claims answer without one
        Object value = identity.getPrincipal() instanceof OidcJwtCallerPrincipal oidc
                ? oidc.getClaims().getClaimValue(name)
                : token.getClaim(name);
        return value == null ? null : value.toString().replace("\"", "");
    }
}
