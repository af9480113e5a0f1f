package org.qinqing.notification.security;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A browser's EventSource cannot send an Authorization header, so the live inbox stream accepts the same
 * Keycloak access token as the {@code access_token} query parameter (PLATFORM.md §5): it is moved into the header
 * before authentication, for that one path only, and the OIDC extension validates it like any bearer token.
 * Nothing here logs it; the HTTP access log stays off, because it would print the query string.
 */
@ApplicationScoped
public class AccessTokenFromQuery {

    static final String STREAM_PATH = "/api/v1/inbox/stream";

    void register(@Observes Filters filters) {
        filters.register(ctx -> {
            if (STREAM_PATH.equals(ctx.normalizedPath()) && ctx.request().getHeader(HttpHeaders.AUTHORIZATION) == null) {
                String token = ctx.request().getParam("access_token");
                if (token != null && !token.isBlank()) {
                    ctx.request().headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
                }
            }
            ctx.next();
        }, 10_000);
    }
}
