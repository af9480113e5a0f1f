package org.qinqing.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qinqing.platform.testing.RealInfrastructure;
import org.qinqing.platform.testing.TopicProbe;

@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class DispatchingAcceptedGrievancesTest {

    static Map<String, Object> accepted(String subjectArea, String region) {
        return Map.of("category", "HELP_REQUEST", "subjectArea", subjectArea, "urgency", "NORMAL", "regionCode", region,
                "title", "贷款贴息申请没有答复", "content", "科技型中小企业贷款贴息申请三个月没有结果", "trackingNumber", "QQ20261124000001");
    }

    TopicProbe.Event firstRoutingEventOf(TopicProbe probe, UUID id) {
        return probe.read("qinqing.routing.events", Duration.ofSeconds(30),
                read -> read.stream().anyMatch(e -> id.toString().equals(e.key())))
                .stream().filter(e -> id.toString().equals(e.key())).findFirst().orElseThrow();
    }

    @Test
    void financingInXihu_goesToHangzhouFinanceOffice_withTheRuleAndTheRegionChain() {
        UUID id = UUID.randomUUID();
        try (TopicProbe probe = new TopicProbe(RealInfrastructure.broker().bootstrapServers())) {
            probe.publish("intake", "accepted", id, 2, accepted("FINANCING", "330106"));
            TopicProbe.Event dispatched = firstRoutingEventOf(probe, id);
            assertEquals("cn.qinqing.routing.dispatched.v1", dispatched.type());
            assertEquals("HZ-JRB", dispatched.data().at("/lead/code").asText());
            assertEquals("CITY", dispatched.data().at("/lead/level").asText());
            assertEquals(List.of("330100", "330000"),
                    List.of(dispatched.data().at("/lead/regionChain/0").asText(), dispatched.data().at("/lead/regionChain/1").asText()));
            assertEquals("R-FIN-HZ", dispatched.data().at("/rule/id").asText());
            assertEquals(1, dispatched.data().get("round").asInt());
        }
    }

    @Test
    void noRuleMatches_goesToTheOperatorsManualDispatchQueue() {
        UUID id = UUID.randomUUID();
        try (TopicProbe probe = new TopicProbe(RealInfrastructure.broker().bootstrapServers())) {
            probe.publish("intake", "accepted", id, 2, accepted("FINANCING", "110105"));
            TopicProbe.Event event = firstRoutingEventOf(probe, id);
            assertEquals("cn.qinqing.routing.manual-dispatch-required.v1", event.type());
            assertEquals("110105", event.data().get("regionCode").asText());
        }
    }
}
