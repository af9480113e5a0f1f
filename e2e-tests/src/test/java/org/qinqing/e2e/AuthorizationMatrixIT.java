package org.qinqing.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.qinqing.platform.KeycloakServer;
import org.qinqing.platform.LocalPlatform;
import org.qinqing.platform.RealmDefinition;

/**
 * PLATFORM.md §2 against the running platform with real Keycloak tokens of the demo users (one platform start for
 * all of it): the authorization matrix of every endpoint the services' OpenAPI documents × every role × own, other
 * or no scope; tokens a service must refuse; another enterprise's, department's and region's ids (OWASP API1); and
 * fields a role may not set in write bodies.
 *
 * <p>The table {@link #TABLE} has one line per endpoint. An endpoint in a service's {@code /q/openapi} without a
 * line fails the build. A line's expectations name the roles that may call it: {@code ent=200/404} is "enterprise:
 * 200 with its own object, 404 with another's", {@code sup=200} is "supervisor: 200, no object scope"; {@code A}
 * is "allowed" (2xx, or 400/409/422 from validation or the case's status: the caller got past role and scope);
 * {@code *=404} applies to every caller including anonymous ones. Roles not named get 403, callers without a token
 * 401.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthorizationMatrixIT {

    // ---------------------------------------------------------------------------------------------------------
    // the callers

    enum Role {
        ANON("anon", null), ENT("ent", "ent-hz"), OP("op", "operator-hz"), STAFF("staff", "staff-hz-jrb"),
        SUP("sup", "supervisor-hz"), OVS("ovs", "oversight-zj"), ADM("adm", "admin-zj"), SVC("svc", null);

        final String key;
        final String user;

        Role(String key, String user) {
            this.key = key;
            this.user = user;
        }
    }

    enum Scope { OWN, OTHER, NONE }

    static final String HZ_USCC = "91330106MA2B2C3D4W";
    static final String NB_USCC = "91330205MA2H7K8L9F";
    static final Set<Integer> ALLOWED = Set.of(200, 201, 202, 204, 400, 409, 422);

    // ---------------------------------------------------------------------------------------------------------
    // the objects the table points at, made in @BeforeAll

    /** ent-hz's help request, led by HZ-JRB (Hangzhou). */
    static String grievanceHz;
    /** ent-nb's help request, led by NB-JRB (Ningbo). */
    static String grievanceNb;
    /** ent-hz's tip-off against a province department: led by the province commission ZJ-JW (oversight-zj's). */
    static String tipOffZj;
    /** ent-hz's tip-off against XH-SCJG: led by XH-JW, never seen by XH-SCJG. */
    static String tipOffXh;
    /** Supervisor decisions on an extension request: Hangzhou's and Ningbo's. */
    static String decisionHz;
    static String decisionNb;
    /** An inbox message of ent-nb; and a message of each role's own inbox, where it has one. */
    static String messageNb;
    static final Map<Role, String> ownMessage = new EnumMap<>(Role.class);

    /** Which id a path's one placeholder takes for a role and scope; null: no such object, the case is skipped. */
    interface Ids {
        String of(Role role, Scope scope);
    }

    static final Ids NO_ID = (role, scope) -> "";
    static final Ids GRIEVANCE = (role, scope) -> switch (role) {
        case OVS, SVC -> scope == Scope.OWN ? tipOffZj : grievanceHz;
        default -> scope == Scope.OWN ? grievanceHz : grievanceNb;
    };
    static final Ids DECISION = (role, scope) -> scope == Scope.OWN ? decisionHz : decisionNb;
    static final Ids MESSAGE = (role, scope) -> scope == Scope.OWN ? ownMessage.get(role) : messageNb;

    static Ids fixed(String value) {
        return (role, scope) -> value;
    }

    // ---------------------------------------------------------------------------------------------------------
    // bodies

    static Map<String, Object> submission(String uscc, String name, String region) {
        Map<String, Object> body = new HashMap<>();
        body.put("uscc", uscc);
        body.put("enterpriseName", name);
        body.put("regionCode", region);
        body.put("channel", "APP");
        body.put("category", "HELP_REQUEST");
        body.put("subjectArea", "FINANCING");
        body.put("urgency", "NORMAL");
        body.put("title", "融资贷款审批迟迟没有结果");
        body.put("content", "科技型中小企业贷款贴息申请至今没有答复，请帮助协调。申请编号 " + UUID.randomUUID());
        return body;
    }

    static Map<String, Object> tipOff(String respondent) {
        Map<String, Object> body = submission(HZ_USCC, "杭州青禾科技有限公司", "330106");
        body.put("category", "TIP_OFF");
        body.put("subjectArea", "FEES_AND_CHARGES");
        body.put("respondentDepartment", respondent);
        body.put("contactPhone", "13900571111");
        body.put("title", "办理许可证时被要求缴纳额外费用");
        return body;
    }

    static final Map<String, Object> INVALID = Map.of();
    static final Map<String, Object> RATING = Map.of("level", "SATISFIED", "solved", true, "qinMark", "POSITIVE",
            "qingMark", "POSITIVE");
    static final Map<String, Object> SIMULATION = Map.of("category", "HELP_REQUEST", "subjectArea", "FINANCING",
            "regionCode", "330106");
    static final Map<String, Object> DEPARTMENT = Map.of("code", "E2E-SEC", "nameZh", "安全测试部门",
            "nameEn", "Security test department", "kind", "ORDINARY", "level", "CITY", "regionCode", "330100");
    static final Map<String, Object> RULE = Map.of("id", "E2E-SEC-R", "priority", 1, "regionPrefix", "9999",
            "leadDepartment", "HZ-JRB", "description", "安全测试规则（不匹配任何地区）");
    static final Map<String, Object> LIAISON = Map.of("officialName", "测试联络员", "title", "副局长",
            "department", "HZ-JRB", "phone", "13900000001");
    static final String LIAISON_USCC = "913301000000000017";

    // ---------------------------------------------------------------------------------------------------------
    // THE TABLE: one line per endpoint (service, method, path[?query], ids, body[, own body], expectations)

    record Row(String service, String method, String path, Ids ids, Object body, Object ownBody, String spec) {
        String template() {
            int query = path.indexOf('?');
            return query < 0 ? path : path.substring(0, query);
        }

        String key() {
            return service + " " + method + " " + template();
        }
    }

    static Row row(String service, String method, String path, Ids ids, Object body, String spec) {
        return new Row(service, method, path, ids, body, null, spec);
    }

    /** A write whose own-scope case sends {@code ownBody} (usually invalid: the case must keep its state). */
    static Row row(String service, String method, String path, Ids ids, Object body, Object ownBody, String spec) {
        return new Row(service, method, path, ids, body, ownBody, spec);
    }

    static final String READERS = "ent=200/404 op=200/404 staff=200/404 sup=200/404 ovs=200/404";
    static final String EVERY_ROLE = "ent=200 op=200 staff=200 sup=200 ovs=200 adm=200";

    static final String UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";
    static final Http.Raw PDF = new Http.Raw("application/pdf", "%PDF-1.4 e2e".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    static final List<Row> TABLE = List.of(
            // intake-service
            row("intake", "POST", "/api/v1/grievances", NO_ID, submission(HZ_USCC, "杭州青禾科技有限公司", "330106"), "ent=201 op=A"),
            row("intake", "GET", "/api/v1/grievances", NO_ID, null, "ent=200 op=200 staff=200 sup=200 ovs=200"),
            row("intake", "GET", "/api/v1/grievances/{id}", GRIEVANCE, null, READERS),
            row("intake", "GET", "/api/v1/grievances/{id}/reporter?purpose=e2e-authorization-check", GRIEVANCE, null, "ovs=200/404"),
            row("intake", "POST", "/api/v1/grievances/{id}/supplements", GRIEVANCE, Map.of("text", "补充：贷款合同编号 2025-001"), "ent=A/404"),
            row("intake", "POST", "/api/v1/grievances/{id}/withdrawal", GRIEVANCE, Map.of("reason", "已自行解决"), INVALID, "ent=400/404"),
            row("intake", "GET", "/api/v1/grievances/{id}/timeline", GRIEVANCE, null, READERS),
            row("intake", "POST", "/api/v1/grievances/{id}/rating", GRIEVANCE, RATING, INVALID, "ent=400/404"),
            row("intake", "GET", "/api/v1/grievances/{id}/ratings", GRIEVANCE, null, READERS),
            row("intake", "POST", "/api/v1/grievances/{id}/acceptance", GRIEVANCE, null, "op=409/404"),
            row("intake", "POST", "/api/v1/grievances/{id}/rejection", GRIEVANCE, Map.of("reason", "不属于受理范围"), INVALID, "op=400/404"),
            row("intake", "POST", "/api/v1/grievances/{id}/merge", GRIEVANCE, Map.of("into", UUID.randomUUID().toString()), INVALID, "op=400/404"),
            row("intake", "GET", "/api/v1/screening-queue", NO_ID, null, "op=200"),
            row("intake", "GET", "/api/v1/rating-links/{token}", fixed("not-a-rating-link"), null, "*=404"),
            row("intake", "POST", "/api/v1/rating-links/{token}", fixed("not-a-rating-link"), RATING, "*=404"),
            row("intake", "GET", "/internal/v1/grievances/{id}/reporter-contact?purpose=RECEIPT", GRIEVANCE, null, "svc=200/404"),
            row("intake", "GET", "/api/v1/reporter-access", NO_ID, null, "adm=200"),
            row("intake", "GET", "/api/v1/tip-off-lookup?trackingNumber=QQ20990101000001&queryCode=nope", NO_ID, null, "ent=404"),
            row("intake", "GET", "/api/v1/audit-log", NO_ID, null, "adm=200"),
            row("intake", "POST", "/api/v1/grievances/{id}/attachments?name=e2e.pdf", GRIEVANCE, PDF, "ent=A/404 op=A/404"),
            row("intake", "GET", "/api/v1/grievances/{id}/attachments", GRIEVANCE, null, READERS),
            row("intake", "GET", "/api/v1/grievances/{id}/attachments/{attachmentId}", GRIEVANCE, null,
                    "ent=404/404 op=404/404 staff=404/404 sup=404/404 ovs=404/404"),
            row("intake", "POST", "/api/v1/open311-clients", NO_ID, Map.of("organisation", "授权矩阵测试机构"), "adm=201"),
            row("intake", "GET", "/api/v1/open311-clients", NO_ID, null, "adm=200"),
            row("intake", "DELETE", "/api/v1/open311-clients/{id}", fixed(UNKNOWN_ID), null, "adm=404"),
            // Open311 is anonymous by design; a POST is authorized by its api_key, not by a token
            row("intake", "GET", "/open311/v2/services.json", NO_ID, null, "*=200"),
            row("intake", "GET", "/open311/v2/services/{code}.json", fixed("complaint"), null, "*=200"),
            row("intake", "POST", "/open311/v2/requests.json", NO_ID, Http.Raw.form("api_key=o311_guessed&service_code=complaint"), "*=403"),
            row("intake", "GET", "/open311/v2/requests.json", NO_ID, null, "*=200"),
            row("intake", "GET", "/open311/v2/requests/{id}.json", fixed("QQ20990101000001"), null, "*=404"),
            // routing-service
            row("routing", "POST", "/api/v1/routing/simulate", NO_ID, SIMULATION, "op=200 sup=200 adm=200"),
            row("routing", "GET", "/api/v1/routing/work-queue", NO_ID, null, "staff=200 ovs=200"),
            row("routing", "GET", "/api/v1/routing/assignments/{id}", GRIEVANCE, null, "staff=200/404 ovs=200/404 sup=200/404"),
            row("routing", "POST", "/api/v1/routing/assignments/{id}/sign", GRIEVANCE, null, "staff=A/404 ovs=A/404"),
            row("routing", "POST", "/api/v1/routing/assignments/{id}/notes", GRIEVANCE, Map.of("text", "已联系银行核实", "visibleToEnterprise", false), "staff=A/404 ovs=A/404"),
            row("routing", "POST", "/api/v1/routing/assignments/{id}/info-requests", GRIEVANCE, Map.of("question", "请提供贷款合同"), INVALID, "staff=400/404 ovs=400/404"),
            row("routing", "POST", "/api/v1/routing/assignments/{id}/extension-requests", GRIEVANCE, Map.of("workingDays", 2, "reason", "需银行配合"), "staff=A/404 ovs=A/404"),
            row("routing", "POST", "/api/v1/routing/assignments/{id}/co-handling-requests", GRIEVANCE, Map.of("department", "HZ-SCJG", "question", "请协助"), INVALID, "staff=400/404 ovs=400/404"),
            row("routing", "POST", "/api/v1/routing/assignments/{id}/co-handling-input", GRIEVANCE, Map.of("answer", "协办意见"), "staff=404/404 ovs=404/404"),
            row("routing", "POST", "/api/v1/routing/assignments/{id}/reply", GRIEVANCE, Map.of("text", "贴息已拨付", "attachments", List.of()), INVALID, "staff=400/404 ovs=400/404"),
            row("routing", "POST", "/api/v1/routing/assignments/{id}/return", GRIEVANCE, Map.of("reason", "不属本部门职责", "basis", "职责清单第3条"), INVALID, "staff=400/404 ovs=400/404"),
            row("routing", "GET", "/api/v1/routing/manual-queue", NO_ID, null, "op=200"),
            row("routing", "POST", "/api/v1/routing/assignments/{id}/manual-dispatch", GRIEVANCE, Map.of("department", "HZ-JRB", "reason", "人工分派"), INVALID, "op=400/404"),
            row("routing", "GET", "/api/v1/routing/departments", NO_ID, null, "adm=200"),
            row("routing", "POST", "/api/v1/routing/departments", NO_ID, DEPARTMENT, "adm=201"),
            row("routing", "GET", "/api/v1/routing/departments/{code}", fixed("E2E-SEC"), null, "adm=200"),
            row("routing", "PUT", "/api/v1/routing/departments/{code}", fixed("E2E-SEC"), DEPARTMENT, "adm=200"),
            row("routing", "DELETE", "/api/v1/routing/departments/{code}", fixed("E2E-SEC"), null, "adm=204"),
            row("routing", "GET", "/api/v1/routing/rules", NO_ID, null, "adm=200"),
            row("routing", "POST", "/api/v1/routing/rules", NO_ID, RULE, "adm=201"),
            row("routing", "PUT", "/api/v1/routing/rules/{id}", fixed("E2E-SEC-R"), RULE, "adm=200"),
            row("routing", "DELETE", "/api/v1/routing/rules/{id}", fixed("E2E-SEC-R"), null, "adm=204"),
            row("routing", "GET", "/api/v1/routing/liaisons", NO_ID, null, "adm=200"),
            row("routing", "PUT", "/api/v1/routing/liaisons/{uscc}", fixed(LIAISON_USCC), LIAISON, "adm=200"),
            row("routing", "DELETE", "/api/v1/routing/liaisons/{uscc}", fixed(LIAISON_USCC), null, "adm=204"),
            row("routing", "GET", "/api/v1/audit-log", NO_ID, null, "adm=200"),
            // deadline-service
            row("deadline", "GET", "/api/v1/deadline/calendar/{year}", fixed("2026"), null, "adm=200"),
            row("deadline", "PUT", "/api/v1/deadline/calendar/{year}", fixed("2026"), INVALID, "adm=400"),
            row("deadline", "GET", "/api/v1/deadline/statistics?from=2025-01-01&to=2026-12-31", NO_ID, null, "staff=200 sup=200 ovs=200 adm=200"),
            row("deadline", "GET", "/api/v1/deadline/ledger", NO_ID, null, "sup=200"),
            row("deadline", "GET", "/api/v1/deadline/decisions", NO_ID, null, "sup=200"),
            row("deadline", "POST", "/api/v1/deadline/decisions/{id}", DECISION, Map.of("decision", "APPROVED", "reason", "同意延期"), "sup=A/404"),
            row("deadline", "POST", "/api/v1/deadline/cases/{grievanceId}/supervision", GRIEVANCE, Map.of("text", "请限期办结", "completionDate", LocalDate.now().plusDays(20).toString()), "sup=A/404"),
            row("deadline", "POST", "/api/v1/deadline/cases/{grievanceId}/urgings", GRIEVANCE, Map.of("text", "请加快办理"), "sup=A/404"),
            row("deadline", "GET", "/api/v1/audit-log", NO_ID, null, "adm=200"),
            // notification-service
            row("notification", "GET", "/api/v1/inbox", NO_ID, null, EVERY_ROLE),
            row("notification", "GET", "/api/v1/inbox/unread-count", NO_ID, null, EVERY_ROLE),
            row("notification", "GET", "/api/v1/inbox/stream", NO_ID, null, EVERY_ROLE),
            row("notification", "GET", "/api/v1/inbox/{id}", MESSAGE, null, "ent=200/404 op=200/404 staff=200/404 sup=200/404 ovs=200/404 adm=200/404"),
            row("notification", "POST", "/api/v1/inbox/{id}/read", MESSAGE, null, "ent=204/404 op=204/404 staff=204/404 sup=204/404 ovs=204/404 adm=204/404"),
            row("notification", "GET", "/api/v1/grievances/{id}/deliveries", GRIEVANCE, null, "op=200/404 staff=200/404 sup=200/404 ovs=200/404 adm=200/200"),
            row("notification", "GET", "/api/v1/admin/dead-letters", NO_ID, null, "adm=200"),
            row("notification", "GET", "/api/v1/admin/waiting-notices", NO_ID, null, "adm=200"),
            row("notification", "POST", "/api/v1/admin/dead-letters/{id}/replay", fixed(UUID.randomUUID().toString()), null, "adm=404"),
            row("notification", "GET", "/api/v1/admin/recipients", NO_ID, null, "adm=200"),
            row("notification", "PUT", "/api/v1/admin/recipients/{principal}", fixed("department:E2E-SEC"), Map.of("displayName", "安全测试部门", "language", "zh-CN"), "adm=200"),
            row("notification", "GET", "/api/v1/admin/recipients/{principal}", fixed("department:E2E-SEC"), null, "adm=200"),
            row("notification", "DELETE", "/api/v1/admin/recipients/{principal}", fixed("department:E2E-SEC"), null, "adm=204"),
            // an enterprise's own preferences: no path parameter, the principal is enterprise:<the token's uscc>
            row("notification", "GET", "/api/v1/me/notification-preferences", NO_ID, null, "ent=200"),
            row("notification", "PUT", "/api/v1/me/notification-preferences", NO_ID, Map.of("language", "zh-CN",
                    "channels", Map.of("receipt", List.of("IN_APP", "EMAIL", "SMS", "WECHAT"))), "ent=200"),
            row("notification", "POST", "/api/v1/admin/webhooks", NO_ID, INVALID, "adm=400"),
            row("notification", "GET", "/api/v1/admin/webhooks", NO_ID, null, "adm=200"),
            row("notification", "DELETE", "/api/v1/admin/webhooks/{id}", fixed(UUID.randomUUID().toString()), null, "adm=404"),
            row("notification", "GET", "/api/v1/audit-log", NO_ID, null, "adm=200"));

    // ---------------------------------------------------------------------------------------------------------
    // the platform, tokens and the tally

    static LocalPlatform platform;
    static String realm;
    static KeycloakAdmin keycloakAdmin;
    static final Map<String, String[]> tokens = new ConcurrentHashMap<>();
    static final Map<String, Integer> counts = new LinkedHashMap<>();
    static final List<String> failures = new ArrayList<>();
    static final Set<String> skipped = new TreeSet<>();

    static String url(String service) {
        return platform.settings().serviceUrl(service);
    }

    /** A user's access token by direct grant, fetched again after four of its five minutes. */
    static String token(String user) {
        String[] cached = tokens.get(user);
        if (cached == null || System.currentTimeMillis() - Long.parseLong(cached[1]) > 240_000) {
            String token = user.equals("svc")
                    ? KeycloakServer.clientCredentialsGrant(realm, "qinqing-notification", RealmDefinition.DEMO_NOTIFICATION_SECRET)
                    : KeycloakServer.passwordGrant(realm, "qinqing-portal", user, RealmDefinition.DEMO_PASSWORD);
            cached = new String[] { token, Long.toString(System.currentTimeMillis()) };
            tokens.put(user, cached);
        }
        return cached[0];
    }

    static String tokenOf(Role role) {
        return switch (role) {
            case ANON -> null;
            case SVC -> token("svc");
            default -> token(role.user);
        };
    }

    static void count(String what) {
        synchronized (counts) {
            counts.merge(what, 1, Integer::sum);
        }
    }

    static void expect(String what, String expected, Http.Answer answer) {
        boolean ok = "A".equals(expected) ? ALLOWED.contains(answer.status()) : Integer.parseInt(expected) == answer.status();
        if (!ok) {
            String body = answer.body().length() > 300 ? answer.body().substring(0, 300) + "…" : answer.body();
            failures.add(what + ": expected " + expected + ", got " + answer.status() + " " + body);
        }
    }

    @BeforeAll
    static void startPlatformAndMakeTheCases() {
        platform = new LocalPlatform(LocalPlatform.Settings.throwAway(Path.of("target", "e2e-security").toAbsolutePath()))
                .start();
        realm = platform.keycloak().realmUrl(RealmDefinition.REALM);
        keycloakAdmin = new KeycloakAdmin(platform.keycloak(), "admin");
        // a second department and region with users of their own, for the other side of every scope
        keycloakAdmin.createUser("staff-nb-jrb", "dept-staff", Map.of("department", "NB-JRB"));
        keycloakAdmin.createUser("supervisor-nb", "supervisor", Map.of("department", "NB-YSB", "region", "330200"));

        grievanceHz = submit("ent-hz", submission(HZ_USCC, "杭州青禾科技有限公司", "330106"));
        grievanceNb = submit("ent-nb", submission(NB_USCC, "宁波甬港贸易有限公司", "330205"));
        tipOffZj = submit("ent-hz", tipOff("ZJ-SCJG"));
        tipOffXh = submit("ent-hz", tipOff("XH-SCJG"));
        awaitDispatched("ent-hz", grievanceHz, "HZ-JRB");
        awaitDispatched("ent-nb", grievanceNb, "NB-JRB");
        awaitDispatched("oversight-zj", tipOffZj, "ZJ-JW");

        // each lead signs and asks for an extension: a decision waits for each region's supervisors
        decisionHz = extensionDecision("staff-hz-jrb", "supervisor-hz", grievanceHz);
        decisionNb = extensionDecision("staff-nb-jrb", "supervisor-nb", grievanceNb);

        messageNb = awaitFirstMessage("ent-nb");
        for (Role role : List.of(Role.ENT, Role.OP, Role.STAFF, Role.SUP, Role.OVS, Role.ADM)) {
            JsonNode inbox = Http.get(url("notification") + "/api/v1/inbox", tokenOf(role)).json();
            if (inbox.size() > 0) {
                ownMessage.put(role, inbox.get(0).get("id").asText());
            }
        }
        if (ownMessage.get(Role.ENT) == null) {
            ownMessage.put(Role.ENT, awaitFirstMessage("ent-hz"));
        }
    }

    static String submit(String user, Map<String, Object> body) {
        Http.Answer answer = Http.post(url("intake") + "/api/v1/grievances", token(user), body);
        assertEquals(201, answer.status(), answer.body());
        return answer.json().get("id").asText();
    }

    static void awaitDispatched(String user, String id, String lead) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            JsonNode g = Http.get(url("intake") + "/api/v1/grievances/" + id, token(user)).json();
            assertEquals("DISPATCHED", g.path("status").asText(), g.toString());
            assertEquals(lead, g.path("leadDepartment").path("code").asText(), g.toString());
        });
    }

    static String extensionDecision(String staff, String supervisor, String id) {
        String routing = url("routing") + "/api/v1/routing/assignments/" + id;
        assertEquals(200, Http.post(routing + "/sign", token(staff), null).status());
        Http.Answer asked = Http.post(routing + "/extension-requests", token(staff),
                Map.of("workingDays", 3, "reason", "需要银行出具材料"));
        assertTrue(asked.status() < 300, asked.body());
        String[] decision = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            for (JsonNode d : Http.get(url("deadline") + "/api/v1/deadline/decisions", token(supervisor)).json()) {
                if (id.equals(d.path("grievanceId").asText())) {
                    decision[0] = d.get("id").asText();
                }
            }
            assertTrue(decision[0] != null, "a decision for " + id);
        });
        return decision[0];
    }

    static String awaitFirstMessage(String user) {
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            JsonNode inbox = Http.get(url("notification") + "/api/v1/inbox", token(user)).json();
            assertTrue(inbox.size() > 0, user + "'s inbox");
            id[0] = inbox.get(0).get("id").asText();
        });
        return id[0];
    }

    @AfterAll
    static void summaryAndStop() {
        System.out.println();
        System.out.println("=== authorization summary (PLATFORM.md §2, real Keycloak tokens) ===");
        counts.forEach((what, n) -> System.out.printf("  %-52s %5d%n", what, n));
        System.out.printf("  %-52s %5d%n", "failures", failures.size());
        skipped.forEach(s -> System.out.println("  skipped: " + s));
        failures.forEach(f -> System.out.println("  FAILED: " + f));
        if (platform != null) {
            platform.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // 1. the matrix

    /** The expectation of a role on a row for a scope; null when the row has no such scope for it. */
    static Map<Role, String[]> expectations(Row row) {
        Map<Role, String[]> byRole = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            byRole.put(role, new String[] { role == Role.ANON ? "401" : "403" });
        }
        for (String entry : row.spec().trim().split("\\s+")) {
            String[] keyValue = entry.split("=");
            String[] values = keyValue[1].split("/");
            if (keyValue[0].equals("*")) {
                for (Role role : Role.values()) {
                    byRole.put(role, values);
                }
                continue;
            }
            Role role = null;
            for (Role r : Role.values()) {
                if (r.key.equals(keyValue[0])) {
                    role = r;
                }
            }
            if (role == null) {
                throw new IllegalArgumentException("unknown role " + keyValue[0] + " in " + row.key());
            }
            byRole.put(role, values);
        }
        return byRole;
    }

    static boolean scoped(Row row) {
        return expectations(row).values().stream().anyMatch(v -> v.length == 2);
    }

    /** The row's path with the id in its first placeholder; a second id (an attachment of the case) is one nobody has. */
    static String pathWith(Row row, String id) {
        return row.path().replaceFirst("\\{[^}]+}", id).replaceAll("\\{[^}]+}", UNKNOWN_ID);
    }

    static Http.Answer call(Row row, Role role, Scope scope, Object body) {
        String id = row.ids().of(role, scope);
        String path = pathWith(row, id);
        return Http.call(row.method(), url(row.service()) + path, tokenOf(role), body);
    }

    @Test
    @Order(3)
    void everyEndpoint_everyRole_ownOtherOrNoScope_answersAsTheAccessTableSays() {
        int before = failures.size();
        Set<String> documented = documentedOperations();
        Set<String> inTable = new LinkedHashSet<>();
        for (Row row : TABLE) {
            assertTrue(inTable.add(row.key()), "two lines for " + row.key());
        }
        Set<String> missing = new TreeSet<>(documented);
        missing.removeAll(inTable);
        Set<String> stale = new TreeSet<>(inTable);
        stale.removeAll(documented);
        missing.forEach(m -> failures.add("no line in AuthorizationMatrixIT.TABLE for " + m + " (add one)"));
        stale.forEach(s -> failures.add("a line in AuthorizationMatrixIT.TABLE for " + s + ", which no OpenAPI documents"));

        for (Row row : TABLE) {
            Map<Role, String[]> byRole = expectations(row);
            List<Scope> scopes = scoped(row) ? List.of(Scope.OTHER, Scope.OWN) : List.of(Scope.NONE);
            count("endpoints covered");
            for (Role role : Role.values()) {
                for (Scope scope : scopes) {
                    String[] expected = byRole.get(role);
                    String expectation = expected.length == 2 ? expected[scope == Scope.OTHER ? 1 : 0] : expected[0];
                    if (row.ids().of(role, scope == Scope.NONE ? Scope.OWN : scope) == null) {
                        skipped.add(row.key() + " as " + role + " " + scope + ": no such object for this user");
                        continue;
                    }
                    Object body = scope != Scope.OTHER && row.ownBody() != null ? row.ownBody() : row.body();
                    Http.Answer answer = call(row, role, scope == Scope.NONE ? Scope.OWN : scope, body);
                    count("role × scope cases run");
                    expect(row.key() + " as " + role + " (" + scope.name().toLowerCase() + ")", expectation, answer);
                }
            }
        }

        // the audit log of intake saw the rating-link writes, with the link's token masked
        JsonNode audited = Http.get(url("intake") + "/api/v1/audit-log?path=/api/v1/rating-links", token("admin-zj")).json();
        assertTrue(audited.size() > 0, "rating-link writes are audited");
        for (JsonNode entry : audited) {
            assertEquals("/api/v1/rating-links/***", entry.get("path").asText());
        }
        count("audit-log checks");
        assertEquals(List.of(), failures.subList(before, failures.size()));
    }

    /** "service METHOD /path" of every operation the four services document, /q/* left out. */
    static Set<String> documentedOperations() {
        Set<String> operations = new TreeSet<>();
        for (String service : LocalPlatform.SERVICES) {
            Http.Answer answer = Http.get(url(service) + "/q/openapi?format=json", null);
            assertEquals(200, answer.status(), service + " OpenAPI");
            Iterator<Map.Entry<String, JsonNode>> paths = answer.json().get("paths").fields();
            while (paths.hasNext()) {
                Map.Entry<String, JsonNode> path = paths.next();
                if (path.getKey().startsWith("/q/")) {
                    continue;
                }
                for (String method : List.of("get", "post", "put", "patch", "delete")) {
                    if (path.getValue().has(method)) {
                        operations.add(service + " " + method.toUpperCase() + " " + path.getKey());
                    }
                }
            }
        }
        return operations;
    }

    // ---------------------------------------------------------------------------------------------------------
    // 2. BOLA: another enterprise's, department's and region's ids

    record Probe(String user, Role role, String id, String whose) {
    }

    @Test
    @Order(1)
    void anotherEnterprisesDepartmentsOrRegionsId_isNotFound_onEveryEndpointThatTakesAnId() {
        int before = failures.size();
        List<Probe> grievanceProbes = List.of(
                new Probe("ent-hz", Role.ENT, grievanceNb, "another enterprise's"),
                new Probe("ent-nb", Role.ENT, grievanceHz, "another enterprise's"),
                new Probe("ent-nb", Role.ENT, tipOffXh, "another enterprise's tip-off"),
                new Probe("staff-xh-scjg", Role.STAFF, grievanceHz, "another department's"),
                new Probe("staff-hz-jrb", Role.STAFF, grievanceNb, "another department's"),
                new Probe("staff-nb-jrb", Role.STAFF, grievanceHz, "another department's"),
                new Probe("staff-xh-scjg", Role.STAFF, tipOffXh, "a tip-off against its own department"),
                new Probe("operator-hz", Role.OP, grievanceNb, "another region's"),
                new Probe("operator-hz", Role.OP, tipOffXh, "a tip-off (operators see none)"),
                new Probe("supervisor-hz", Role.SUP, grievanceNb, "another region's"),
                new Probe("supervisor-nb", Role.SUP, grievanceHz, "another region's"),
                new Probe("oversight-zj", Role.OVS, grievanceHz, "another commission's (not a tip-off)"),
                new Probe("oversight-zj", Role.OVS, tipOffXh, "another commission's tip-off"),
                new Probe("svc", Role.SVC, grievanceHz, "not a tip-off"));
        List<Probe> decisionProbes = List.of(
                new Probe("supervisor-hz", Role.SUP, decisionNb, "another region's"),
                new Probe("supervisor-nb", Role.SUP, decisionHz, "another region's"));
        List<Probe> messageProbes = List.of(
                new Probe("ent-hz", Role.ENT, messageNb, "another enterprise's"),
                new Probe("ent-nb", Role.ENT, ownMessage.get(Role.ENT), "another enterprise's"),
                new Probe("staff-xh-scjg", Role.STAFF, messageNb, "another department's"),
                new Probe("supervisor-nb", Role.SUP, ownMessage.get(Role.ENT), "another region's"));

        for (Row row : TABLE) {
            List<Probe> probes = row.ids() == GRIEVANCE ? grievanceProbes
                    : row.ids() == DECISION ? decisionProbes : row.ids() == MESSAGE ? messageProbes : List.of();
            Map<Role, String[]> byRole = expectations(row);
            for (Probe probe : probes) {
                String[] expected = byRole.get(probe.role());
                if (expected.length < 2 || "403".equals(expected[0])) {
                    continue; // the role may not call it at all: 403 whatever the id, covered by the matrix
                }
                String path = pathWith(row, probe.id());
                Http.Answer answer = Http.call(row.method(), url(row.service()) + path, token(probe.user()), row.body());
                count("BOLA cases (other's id → 404)");
                expect("BOLA " + row.key() + " as " + probe.user() + " with " + probe.whose() + " id", "404", answer);
            }
        }
        assertEquals(List.of(), failures.subList(before, failures.size()));
    }

    // ---------------------------------------------------------------------------------------------------------
    // 3. mass assignment

    @Test
    @Order(2)
    void fieldsARoleMayNotSet_areIgnoredOrRejected_andTheStoredCaseIsUnaffected() {
        String entHz = token("ent-hz");
        String forgedId = UUID.randomUUID().toString();

        // a submission that tries to choose its id, number, status, department and due time
        Map<String, Object> body = submission(HZ_USCC, "杭州青禾科技有限公司", "330106");
        body.put("id", forgedId);
        body.put("trackingNumber", "QQ20990101000001");
        body.put("status", "CLOSED");
        body.put("leadDepartment", "XH-SCJG");
        body.put("department", "XH-SCJG");
        body.put("dueAt", "2099-01-01T00:00:00Z");
        body.put("due", Map.of("reply", "2099-01-01T00:00:00Z"));
        Http.Answer created = Http.post(url("intake") + "/api/v1/grievances", entHz, body);
        count("mass-assignment cases");
        assertEquals(201, created.status(), created.body());
        String id = created.json().get("id").asText();
        assertNotEquals(forgedId, id);
        assertNotEquals("QQ20990101000001", created.json().get("trackingNumber").asText());
        assertEquals(404, Http.get(url("intake") + "/api/v1/grievances/" + forgedId, entHz).status());
        awaitDispatched("ent-hz", id, "HZ-JRB");
        JsonNode stored = Http.get(url("intake") + "/api/v1/grievances/" + id, entHz).json();
        assertTrue(!stored.path("due").path("reply").asText().startsWith("2099"), stored.toString());

        // another enterprise's USCC: refused, nothing stored for either enterprise
        String nbBefore = Http.get(url("intake") + "/api/v1/grievances?size=100", token("ent-nb")).header("X-Total-Count");
        String hzBefore = Http.get(url("intake") + "/api/v1/grievances?size=100", entHz).header("X-Total-Count");
        Http.Answer foreign = Http.post(url("intake") + "/api/v1/grievances", entHz, submission(NB_USCC, "宁波甬港贸易有限公司", "330205"));
        count("mass-assignment cases");
        assertEquals(403, foreign.status(), foreign.body());
        assertEquals(nbBefore, Http.get(url("intake") + "/api/v1/grievances?size=100", token("ent-nb")).header("X-Total-Count"));
        assertEquals(hzBefore, Http.get(url("intake") + "/api/v1/grievances?size=100", entHz).header("X-Total-Count"));

        // a supplement that tries to close the case and move it
        Map<String, Object> supplement = new HashMap<>(Map.of("text", "补充材料", "status", "CLOSED",
                "leadDepartment", "XH-SCJG", "uscc", NB_USCC, "dueAt", "2099-01-01T00:00:00Z"));
        Http.Answer supplemented = Http.post(url("intake") + "/api/v1/grievances/" + id + "/supplements", entHz, supplement);
        count("mass-assignment cases");
        assertTrue(supplemented.status() < 300, supplemented.body());
        JsonNode afterSupplement = Http.get(url("intake") + "/api/v1/grievances/" + id, entHz).json();
        assertEquals("DISPATCHED", afterSupplement.path("status").asText());
        assertEquals("HZ-JRB", afterSupplement.path("leadDepartment").path("code").asText());
        assertEquals(HZ_USCC, afterSupplement.path("uscc").asText());

        // the department's note that tries to set status, department and due time
        String staff = token("staff-hz-jrb");
        String assignment = url("routing") + "/api/v1/routing/assignments/" + id;
        Http.Answer note = Http.post(assignment + "/notes", staff, Map.of("text", "已联系", "visibleToEnterprise", false,
                "status", "REPLIED", "department", "XH-SCJG", "leadDepartment", "XH-SCJG", "dueAt", "2099-01-01T00:00:00Z"));
        count("mass-assignment cases");
        assertTrue(note.status() < 300 || note.status() == 409, note.body());
        JsonNode work = Http.get(assignment, staff).json();
        assertNotEquals("REPLIED", work.path("status").asText(), work.toString());
        assertEquals(200, Http.get(assignment, staff).status(), "HZ-JRB still leads");
        assertEquals(404, Http.get(assignment, token("staff-xh-scjg")).status(), "XH-SCJG was not made the lead");

        // an urging that tries to move the due time and the department
        Http.Answer urged = Http.post(url("deadline") + "/api/v1/deadline/cases/" + id + "/urgings", token("supervisor-hz"),
                Map.of("text", "请加快办理", "dueAt", "2099-01-01T00:00:00Z", "department", "XH-SCJG", "status", "CLOSED"));
        count("mass-assignment cases");
        assertTrue(urged.status() < 300 || urged.status() == 409, urged.body());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode g = Http.get(url("intake") + "/api/v1/grievances/" + id, entHz).json();
            assertTrue(!g.path("due").path("reply").asText().startsWith("2099"), g.toString());
            assertEquals("HZ-JRB", g.path("leadDepartment").path("code").asText());
            assertEquals("DISPATCHED", g.path("status").asText());
        });

        // an admin's recipient entry cannot rename the principal it is stored under
        Http.Answer recipient = Http.call("PUT", url("notification") + "/api/v1/admin/recipients/department:E2E-MASS",
                token("admin-zj"), Map.of("displayName", "测试", "principal", "department:HZ-JRB"));
        count("mass-assignment cases");
        assertTrue(recipient.status() < 300, recipient.body());
        assertEquals("department:E2E-MASS", recipient.json().path("principal").asText());
    }

    // ---------------------------------------------------------------------------------------------------------
    // 4. tokens every service refuses

    static final Map<String, String> FORGED_WRITE = Map.of(
            "intake", "/api/v1/grievances",
            "routing", "/api/v1/routing/simulate",
            "deadline", "/api/v1/deadline/decisions/" + UUID.randomUUID(),
            "notification", "/api/v1/admin/webhooks");

    @Test
    @Order(4)
    void expiredForgedForeignAudienceUnsignedOrMissingTokens_areUnauthorized_inEveryService() throws InterruptedException {
        int before = failures.size();
        keycloakAdmin.createClient("e2e-short-lived", List.of("basic", "roles", "qinqing-claims"),
                Map.of("access.token.lifespan", "1"));
        keycloakAdmin.createClient("e2e-no-audience", List.of("basic", "roles"), Map.of());
        keycloakAdmin.importCopyOfRealm("qinqing-e2e-other");

        String real = token("admin-zj");
        String shortLived = KeycloakServer.passwordGrant(realm, "e2e-short-lived", "admin-zj", RealmDefinition.DEMO_PASSWORD);
        String noAudience = KeycloakServer.passwordGrant(realm, "e2e-no-audience", "admin-zj", RealmDefinition.DEMO_PASSWORD);
        String otherIssuer = KeycloakServer.passwordGrant(platform.keycloak().realmUrl("qinqing-e2e-other"), "qinqing-portal",
                "admin-zj", RealmDefinition.DEMO_PASSWORD);
        assertTrue(!ForgedTokens.claims(noAudience).toString().contains("qinqing-api"), "the client has no audience mapper");
        long expiresAt = ForgedTokens.claims(shortLived).get("exp").asLong() * 1000;
        Thread.sleep(Math.max(0, expiresAt - System.currentTimeMillis()) + 2_500);

        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("expired", shortLived);
        refused.put("signed by another key", ForgedTokens.signedByAnotherKey(real));
        refused.put("from another issuer (realm)", otherIssuer);
        refused.put("for another audience", noAudience);
        refused.put("alg none", ForgedTokens.unsigned(real));
        refused.put("claims changed under the signature", ForgedTokens.withTamperedClaims(real, "supervisor"));
        refused.put("not a JWT", "not-a-token");
        refused.put("missing", null);

        for (String service : LocalPlatform.SERVICES) {
            String probe = url(service) + "/api/v1/audit-log";
            expect(service + " with a valid token", "200", Http.get(probe, real));
            count("token cases");
            refused.forEach((what, token) -> {
                expect(service + " with a token " + what, "401", Http.get(probe, token));
                count("token cases");
            });
            // a state-changing request with a forged token is refused before it reaches the resource
            expect(service + " POST with a token signed by another key", "401",
                    Http.post(url(service) + FORGED_WRITE.get(service), ForgedTokens.signedByAnotherKey(real), Map.of("text", "伪造")));
            count("token cases");
        }
        // refused attempts are in the audit log too, without a user
        JsonNode refusedWrites = Http.get(url("intake") + "/api/v1/audit-log?path=/api/v1/grievances&size=100", real).json();
        boolean anonymous401 = false;
        for (JsonNode entry : refusedWrites) {
            anonymous401 |= entry.path("status").asInt() == 401 && entry.path("userName").isNull();
        }
        assertTrue(anonymous401, "a refused write is audited: " + refusedWrites);
        count("audit-log checks");
        assertEquals(List.of(), failures.subList(before, failures.size()));
    }
}
