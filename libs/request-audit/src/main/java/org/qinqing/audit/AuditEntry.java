package org.qinqing.audit;

import java.time.Instant;
import java.util.List;

/**
 * One state-changing request: who (the token's user name and subject, its roles), what (method, path, the
 * answer's status), when and from where. Never a token, a password, a body or a query string.
 */
public record AuditEntry(long id, Instant at, String userName, String subject, List<String> roles, String method,
        String path, int status, String remoteAddress) {
}
