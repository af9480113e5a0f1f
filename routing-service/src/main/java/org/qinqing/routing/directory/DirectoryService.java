package org.qinqing.routing.directory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.qinqing.events.Actor;
import org.qinqing.events.Outbox;
import org.qinqing.problems.ProblemException;
import org.qinqing.routing.dispatch.Assignment;
import org.qinqing.routing.events.RoutingEvents;
import org.qinqing.routing.rules.Router;
import org.qinqing.routing.rules.RoutingRule;
import org.qinqing.routing.rules.RoutingTable;

/**
 * The admin's side of the directory and the rule table. Directory events are about no grievance: they are keyed
 * by a name-based UUID of the entry ({@code department:<code>}, {@code liaison:<uscc>}), so each entry's changes
 * stay in order.
 */
@ApplicationScoped
public class DirectoryService {

    private final Outbox outbox;
    private final Router router;

    public DirectoryService(Outbox outbox, Router router) {
        this.outbox = outbox;
        this.router = router;
    }

    public static UUID entryKey(String kind, String id) {
        return UUID.nameUUIDFromBytes((kind + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    @Transactional
    public Department save(DirectoryCommands.DepartmentEntry entry, boolean create, Actor admin) {
        Department d = Department.findById(entry.code());
        if (create && d != null) {
            throw ProblemException.conflict("Department " + entry.code() + " exists already", "EXISTS");
        }
        if (!create && d == null) {
            throw ProblemException.notFound("department", entry.code());
        }
        if (entry.parentCode() != null && (entry.parentCode().equals(entry.code()) || Department.findById(entry.parentCode()) == null)) {
            throw invalid("parentCode", entry.parentCode() + " is not another department of the directory");
        }
        if (d == null) {
            d = new Department();
            d.code = entry.code();
        }
        d.nameZh = entry.nameZh().strip();
        d.nameEn = entry.nameEn().strip();
        d.kind = entry.kind();
        d.level = entry.level();
        d.regionCode = entry.regionCode();
        d.parentCode = entry.parentCode();
        d.duty = entry.duty();
        d.keywords = entry.keywords() == null ? new String[0] : entry.keywords().toArray(String[]::new);
        d.active = entry.active() == null || entry.active();
        d.persist();
        announce(d, admin);
        return d;
    }

    /** Deleting is only for a department that never had a case; otherwise it is deactivated (history keeps it). */
    @Transactional
    public void delete(String code, Actor admin) {
        Department d = Department.<Department>findByIdOptional(code)
                .orElseThrow(() -> ProblemException.notFound("department", code));
        if (Assignment.count("leadDepartmentCode = ?1 and status in ?2", code,
                List.of(Assignment.Status.DISPATCHED, Assignment.Status.IN_PROGRESS, Assignment.Status.AWAITING_ENTERPRISE)) > 0) {
            throw ProblemException.conflict("Department " + code + " has open cases; deactivate it instead", "HAS_OPEN_CASES");
        }
        if (Assignment.count("leadDepartmentCode", code) > 0 || RoutingRule.count("leadDepartmentCode", code) > 0
                || Department.count("parentCode", code) > 0 || LiaisonOfficer.count("departmentCode", code) > 0) {
            d.active = false;
            announce(d, admin);
            return;
        }
        d.delete();
        d.active = false;
        announce(d, admin);
    }

    private void announce(Department d, Actor admin) {
        router.invalidate();
        outbox.append(entryKey("department", d.code), admin, new RoutingEvents.DepartmentChanged(d.code, d.nameZh, d.nameEn,
                d.kind, d.level, d.regionCode, d.parentCode, d.duty, RoutingTable.regionChain(d.regionCode), d.active));
    }

    @Transactional
    public RoutingRule save(DirectoryCommands.RuleEntry entry, boolean create) {
        RoutingRule r = RoutingRule.findById(entry.id());
        if (create && r != null) {
            throw ProblemException.conflict("Rule " + entry.id() + " exists already", "EXISTS");
        }
        if (!create && r == null) {
            throw ProblemException.notFound("rule", entry.id());
        }
        if ((entry.leadDepartment() == null) == (entry.leadDuty() == null)) {
            throw invalid("leadDepartment", "name exactly one of leadDepartment and leadDuty");
        }
        if (entry.leadDepartment() != null && Department.findById(entry.leadDepartment()) == null) {
            throw invalid("leadDepartment", entry.leadDepartment() + " is not a department of the directory");
        }
        if (entry.leadDuty() != null && Department.count("duty", entry.leadDuty()) == 0) {
            throw invalid("leadDuty", "no department has the duty " + entry.leadDuty());
        }
        List<String> co = entry.coHandling() == null ? List.of() : entry.coHandling();
        for (String code : co) {
            if (Department.findById(code) == null) {
                throw invalid("coHandling", code + " is not a department of the directory");
            }
        }
        if (r == null) {
            r = new RoutingRule();
            r.id = entry.id();
        }
        r.priority = entry.priority();
        r.category = entry.category();
        r.subjectArea = entry.subjectArea();
        r.regionPrefix = entry.regionPrefix();
        r.keywords = entry.keywords() == null ? new String[0] : entry.keywords().toArray(String[]::new);
        r.leadDepartmentCode = entry.leadDepartment();
        r.leadDuty = entry.leadDuty();
        r.coHandling = co.toArray(String[]::new);
        r.description = entry.description().strip();
        r.active = entry.active() == null || entry.active();
        r.persist();
        router.invalidate();
        return r;
    }

    @Transactional
    public void deleteRule(String id) {
        if (!RoutingRule.deleteById(id)) {
            throw ProblemException.notFound("rule", id);
        }
        router.invalidate();
    }

    @Transactional
    public LiaisonOfficer saveLiaison(String uscc, DirectoryCommands.LiaisonEntry entry, Actor admin) {
        if (Department.findById(entry.department()) == null) {
            throw invalid("department", entry.department() + " is not a department of the directory");
        }
        LiaisonOfficer l = LiaisonOfficer.<LiaisonOfficer>findByIdOptional(uscc).orElseGet(LiaisonOfficer::new);
        l.uscc = uscc;
        l.officialName = entry.officialName().strip();
        l.title = entry.title().strip();
        l.departmentCode = entry.department();
        l.phone = entry.phone();
        l.email = entry.email();
        l.updatedAt = Instant.now();
        l.persist();
        outbox.append(entryKey("liaison", uscc), admin, new RoutingEvents.LiaisonChanged(uscc, l.officialName, l.title,
                l.departmentCode, l.phone, l.email, false));
        return l;
    }

    @Transactional
    public void deleteLiaison(String uscc, Actor admin) {
        if (!LiaisonOfficer.deleteById(uscc)) {
            throw ProblemException.notFound("liaison", uscc);
        }
        outbox.append(entryKey("liaison", uscc), admin,
                new RoutingEvents.LiaisonChanged(uscc, null, null, null, null, null, true));
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(422, "invalid-reference", "Invalid reference", field + ": " + message)
                .with("field", field);
    }
}
