package org.qinqing.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qinqing.notification.channel.ChannelKind;
import org.qinqing.notification.channel.SmsText;
import org.qinqing.notification.delivery.Delivery;
import org.qinqing.notification.template.NoticeKind;
import org.qinqing.notification.testing.LocalServers;
import org.qinqing.notification.testing.Samples;
import org.qinqing.platform.testing.RealInfrastructure;

/**
 * Every template, in both languages, rendered from real sample events of a whole case's life: each notice kind
 * reaches its recipient by inbox or e-mail and by SMS, with no placeholder left and SMS parts within 70
 * characters (signature included).
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(LocalServers.class)
class TemplatesTest {

    @ParameterizedTest
    @ValueSource(strings = { "zh-CN", "en" })
    @TestSecurity(user = "admin-1", roles = "admin")
    void everyNoticeKindRendersFromRealEvents(String language) {
        String t = Samples.tag();
        String uscc = "913301" + t + "TMPLX";
        String lead = "TL-" + t;
        String co = "TC-" + t;
        String region = "36" + t.substring(0, 4);
        for (String principal : List.of("enterprise:" + uscc, "department:" + lead, "department:" + co,
                "supervisors:" + region, "operators:" + region)) {
            given().contentType(ContentType.JSON).body(Map.of("language", language, "email", "duty" + t + "@example.cn",
                    "phone", Samples.phone())).when().put("/api/v1/admin/recipients/" + principal).then().statusCode(200);
        }
        UUID id = UUID.randomUUID();
        Samples.publish("intake", "accepted", id, 2, Samples.accepted(uscc, "QQ2026112401" + t.substring(0, 4), null, null));
        Samples.publish("routing", "dispatched", id, 1, Samples.dispatched(1, lead, "杭州市地方金融管理局", region,
                List.of(Samples.department(co, "杭州市商务局", region))));
        await().atMost(Duration.ofSeconds(30)).until(() -> kinds(id).containsAll(Set.of("receipt", "assignment")));
        Samples.publish("deadline", "deadline-set", id, 1, Map.of("clock", "REPLY", "round", 1, "department", lead,
                "dueAt", "2026-12-01T09:30:00Z", "provisional", false, "reason", "STARTED"));
        Samples.publish("routing", "info-requested", id, 2, Map.of("infoRequestId", UUID.randomUUID().toString(),
                "department", lead, "question", "请提供近三年财务报表。"));
        Samples.publish("routing", "co-handling-requested", id, 3, Map.of("department", co, "requestedBy", lead,
                "question", "请核实外贸备案。"));
        Samples.publish("deadline", "warning", id, 2, Map.of("clock", "REPLY", "round", 1, "department", lead,
                "dueAt", "2026-12-01T09:30:00Z"));
        Samples.publish("deadline", "escalated", id, 3, Map.of("clock", "REPLY", "round", 1, "department", lead, "level", 1,
                "dueAt", "2026-12-01T09:30:00Z", "target", "SUPERVISORS", "targetRegion", region));
        Samples.publish("deadline", "urged", id, 4, Map.of("text", "请加快办理。"));
        Samples.publish("deadline", "supervision-issued", id, 5, Map.of("text", "列为督办件", "completionDate", "2026-12-04"));
        Samples.publish("routing", "extension-requested", id, 4, Map.of("department", lead, "clock", "REPLY",
                "workingDays", 3, "reason", "需总行审批"));
        Samples.publish("routing", "replied", id, 5, Map.of("department", lead, "round", 1, "text", "已协调银行完成审批，贷款将于下周发放。"));
        Samples.publish("intake", "rating-invited", id, 3, Map.of("link", "https://qinqing.example.gov.cn/rate/eyJhbGciOiJIUzI1NiJ9."
                + "eyJnIjoiMSJ9.c2lnbmF0dXJl", "expiresAt", "2026-12-08T09:30:00Z"));
        Samples.publish("intake", "closed", id, 4, Map.of("why", "RATED_SATISFIED"));
        Samples.publish("routing", "return-escalated", id, 6, Map.of("returns", List.of(Map.of("department", lead,
                "reason", "不属本单位职责"), Map.of("department", co, "reason", "非本单位")), "region", region));
        Samples.publish("intake", "reopen-limit-reached", id, 5, Map.of("rounds", 3));
        Samples.publish("deadline", "summons-list-published", id, 6, Map.of("region", region, "period", "2026-Q3",
                "departments", List.of(Map.of("code", lead, "name", "杭州市地方金融管理局"))));
        Samples.publish("routing", "manual-dispatch-required", id, 7, Map.of("reason", "无匹配规则", "regionCode", region));
        UUID rejected = UUID.randomUUID();
        Samples.publish("intake", "rejected", rejected, 2, Map.of("trackingNumber", "QQ2026112402" + t.substring(0, 4),
                "category", "COMPLAINT", "regionCode", region, "uscc", uscc, "reason", "不属于本平台受理范围"));

        Set<String> all = Arrays.stream(NoticeKind.values()).map(NoticeKind::key).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Set<String> seen = kinds(id);
            seen.addAll(kinds(rejected));
            return seen.containsAll(all);
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> pending(id) == 0 && pending(rejected) == 0);
        List<Delivery> deliveries = QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>list(
                "grievanceId in ?1 and channel in ?2", List.of(id, rejected), List.of(ChannelKind.EMAIL, ChannelKind.SMS)));
        for (String kind : all) {
            for (ChannelKind channel : List.of(ChannelKind.EMAIL, ChannelKind.SMS)) {
                Delivery d = deliveries.stream().filter(x -> x.kind.equals(kind) && x.channel == channel).findFirst()
                        .orElseThrow(() -> new AssertionError(kind + " by " + channel + " missing"));
                assertEquals(Delivery.Status.SENT, d.status, kind + " " + channel + " " + d.lastError);
                assertEquals(language, d.language);
                assertFalse(d.body.isBlank() || d.body.contains("{") || d.subject.contains("{"), kind + ": " + d.body);
                boolean chinese = d.subject.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
                assertEquals(language.equals("zh-CN"), chinese, kind + " subject in " + language + ": " + d.subject);
                if (channel == ChannelKind.SMS) {
                    SmsText.parts(d.body, "亲清平台", 3).forEach(part -> assertTrue(
                            SmsText.length(part) + SmsText.signatureLength("亲清平台") <= SmsText.SEGMENT, part));
                }
            }
        }
    }

    static Set<String> kinds(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>list("grievanceId", id).stream()
                .map(d -> d.kind).collect(Collectors.toSet()));
    }

    static long pending(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.count("grievanceId = ?1 and status = ?2", id,
                Delivery.Status.PENDING));
    }
}
