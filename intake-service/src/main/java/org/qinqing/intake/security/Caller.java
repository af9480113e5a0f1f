package org.qinqing.intake.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The authenticated caller: realm roles and the uscc / department / region claims of PLATFORM.md §2. */
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

    public String uscc() {
        return claim("uscc");
    }

    public String department() {
        return claim("department");
    }

    public String region() {
        return claim("region");
    }

    private String claim(String name) {
        Object value = token.getClaim(name);
        return value == null ? null : value.toString().replace("\"", "");
    }
}
