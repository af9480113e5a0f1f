package org.qinqing.intake;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qinqing.platform.KafkaBroker;
import org.qinqing.platform.testing.RealInfrastructure;
import org.qinqing.platform.testing.TopicProbe;

@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class OutboxWhileBrokerDownTest {

    @Inject
    EntityManager entityManager;

    @Test
    @TestSecurity(user = "ent-hz", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "uscc", value = SubmittingGrievanceTest.USCC))
    void brokerDown_submissionIsStillAccepted_andItsEventsLeaveWhenTheBrokerIsBack() {
        KafkaBroker broker = RealInfrastructure.broker();
        broker.stop();
        String id;
        try {
            id = given().contentType("application/json").body(SubmittingGrievanceTest.submission(SubmittingGrievanceTest.USCC))
                    .when().post("/api/v1/grievances")
                    .then().statusCode(201).extract().path("id");
            long waiting = ((Number) entityManager.createNativeQuery(
                    "SELECT count(*) FROM outbox_event WHERE grievance_id = cast(?1 as uuid)")
                    .setParameter(1, id).getSingleResult()).longValue();
            assertEquals(2, waiting, "submitted and accepted wait in the outbox while the broker is down");
        } finally {
            broker.start();
        }
        try (TopicProbe probe = new TopicProbe(broker.bootstrapServers())) {
            List<TopicProbe.Event> events = probe.read("qinqing.intake.events", Duration.ofSeconds(90),
                    read -> read.stream().filter(e -> id.equals(e.key())).count() >= 2);
            assertTrue(events.stream().anyMatch(e -> id.equals(e.key()) && e.type().endsWith(".accepted.v1")));
        }
    }
}
