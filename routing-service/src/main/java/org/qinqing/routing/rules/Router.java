package org.qinqing.routing.rules;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qinqing.routing.directory.Department;

/**
 * Routes with an in-memory {@link RoutingTable} read from the database. The snapshot is rebuilt after an admin
 * change in this replica, and at most 30 s after a change made through another replica.
 */
@ApplicationScoped
public class Router {

    private static final Duration MAX_AGE = Duration.ofSeconds(30);

    private final EntityManager entityManager;
    private volatile RoutingTable table;
    private volatile long loadedAt;

    public Router(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public Optional<RoutingTable.Decision> route(GrievanceToRoute grievance) {
        return table().route(grievance);
    }

    public RoutingTable table() {
        RoutingTable current = table;
        if (current == null || System.nanoTime() - loadedAt > MAX_AGE.toNanos()) {
            current = load();
            table = current;
            loadedAt = System.nanoTime();
        }
        return current;
    }

    /** Called when the directory, a rule or a synonym changed. */
    public void invalidate() {
        table = null;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    @SuppressWarnings("unchecked")
    RoutingTable load() {
        List<RoutingTable.Rule> rules = RoutingRule.<RoutingRule>list("active = true").stream()
                .map(r -> new RoutingTable.Rule(r.id, r.priority, r.category, r.subjectArea, r.regionPrefix,
                        Arrays.asList(r.keywords), r.leadDepartmentCode, r.leadDuty, Arrays.asList(r.coHandling), r.description))
                .toList();
        List<RoutingTable.Dept> departments = Department.<Department>listAll().stream().map(Router::toDept).toList();
        Map<String, List<String>> synonyms = new HashMap<>();
        for (Object[] row : (List<Object[]>) entityManager.createNativeQuery("SELECT keyword, synonym FROM keyword_synonym")
                .getResultList()) {
            synonyms.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add((String) row[1]);
        }
        return new RoutingTable(rules, departments, synonyms);
    }

    private static RoutingTable.Dept toDept(Department d) {
        return new RoutingTable.Dept(d.code, d.nameZh, RoutingTable.Kind.valueOf(d.kind), d.level, d.regionCode,
                d.parentCode, d.duty, d.active);
    }
}
