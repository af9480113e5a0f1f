package org.qinqing.intake;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Instant;
import java.util.UUID;
import org.qinqing.intake.grievance.Category;
import org.qinqing.intake.grievance.Channel;
import org.qinqing.intake.grievance.Grievance;
import org.qinqing.intake.grievance.GrievanceStatus;
import org.qinqing.intake.grievance.SubjectArea;
import org.qinqing.intake.grievance.Urgency;

/** Grievances written straight into the database, for tests that need one owned by somebody else. */
final class StoredGrievances {

    private StoredGrievances() {
    }

    static UUID accepted(String uscc) {
        return stored(uscc, g -> {
        });
    }

    /** A complaint of the enterprise, ACCEPTED, as {@code adjust} leaves it. */
    static UUID stored(String uscc, java.util.function.Consumer<Grievance> adjust) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Grievance g = new Grievance();
            g.id = UUID.randomUUID();
            g.trackingNumber = String.format("QT%014d", Math.floorMod(System.nanoTime(), 100_000_000_000_000L));
            g.status = GrievanceStatus.ACCEPTED;
            g.channel = Channel.WEB;
            g.category = Category.COMPLAINT;
            g.subjectArea = SubjectArea.FEES_AND_CHARGES;
            g.urgency = Urgency.NORMAL;
            g.title = "检查中被要求缴纳不合理费用";
            g.content = "执法检查时被要求缴纳没有依据的费用。";
            g.regionCode = uscc.substring(2, 8);
            g.uscc = uscc;
            g.enterpriseName = "测试企业";
            g.submittedByRole = "enterprise";
            g.submittedAt = Instant.now();
            g.updatedAt = g.submittedAt;
            adjust.accept(g);
            g.persist();
            return g.id;
        });
    }
}
