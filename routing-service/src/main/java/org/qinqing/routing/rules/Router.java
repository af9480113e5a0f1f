package org.qinqing.routing.rules;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.qinqing.routing.directory.Department;

/**
 * Picks the lead department for a grievance from the rule table and says why: the active rule with the highest
 * priority whose category, subject area, region prefix and keywords all match; a longer region prefix breaks a tie.
 */
@ApplicationScoped
public class Router {

    /** A routing decision: the rule, the department, and which fields made the rule match. */
    public record Decision(RoutingRule rule, Department lead, String reason) {
    }

    public Optional<Decision> route(GrievanceToRoute grievance) {
        List<RoutingRule> rules = RoutingRule.list("active = true");
        return rules.stream()
                .filter(rule -> matches(rule, grievance))
                .max(Comparator.<RoutingRule> comparingInt(rule -> rule.priority)
                        .thenComparingInt(rule -> rule.regionPrefix.length()))
                .map(rule -> new Decision(rule, Department.findById(rule.leadDepartmentCode), explain(rule, grievance)));
    }

    static boolean matches(RoutingRule rule, GrievanceToRoute g) {
        return (rule.category == null || rule.category.equals(g.category()))
                && (rule.subjectArea == null || rule.subjectArea.equals(g.subjectArea()))
                && g.regionCode().startsWith(rule.regionPrefix)
                && (rule.keywords.length == 0 || matchedKeywords(rule, g).size() > 0);
    }

    private static List<String> matchedKeywords(RoutingRule rule, GrievanceToRoute g) {
        String text = g.title() + "\n" + g.content();
        List<String> found = new ArrayList<>();
        for (String keyword : rule.keywords) {
            if (text.contains(keyword)) {
                found.add(keyword);
            }
        }
        return found;
    }

    private static String explain(RoutingRule rule, GrievanceToRoute g) {
        List<String> why = new ArrayList<>();
        if (rule.category != null) {
            why.add("类别 " + g.category());
        }
        if (rule.subjectArea != null) {
            why.add("事项 " + g.subjectArea());
        }
        why.add(rule.regionPrefix.isEmpty() ? "任意地区" : "地区 " + g.regionCode() + " 属于 " + rule.regionPrefix);
        if (rule.keywords.length > 0) {
            why.add("关键词 " + String.join("、", matchedKeywords(rule, g)));
        }
        return "规则 " + rule.id + "（" + rule.description + "）匹配：" + String.join("，", why);
    }
}
