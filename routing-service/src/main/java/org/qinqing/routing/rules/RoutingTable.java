package org.qinqing.routing.rules;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable snapshot of the rules, the directory and the synonyms, and the routing decision over it. Pure
 * and in memory, so a decision costs microseconds whatever the table's size.
 *
 * <p>Decision order: (1) a complaint or tip-off naming a respondent department is never led by it or a department
 * under it; a tip-off goes to the oversight body of the respondent's region; a complaint to a rule's department
 * if that is not excluded, else to the region's business-environment office, else (the office is the respondent)
 * to the oversight body. (2) Otherwise the active rule with the highest priority, then the longest region prefix,
 * whose category, subject area, region prefix and keywords match, and whose target resolves to a department that
 * is not excluded. (3) No rule: manual dispatch.
 */
public final class RoutingTable {

    public enum Kind {
        ORDINARY, BUSINESS_ENVIRONMENT_OFFICE, OVERSIGHT_BODY
    }

    public record Dept(String code, String name, Kind kind, String level, String region, String parent, String duty,
            boolean active) {
    }

    public record Rule(String id, int priority, String category, String subjectArea, String regionPrefix,
            List<String> keywords, String leadDepartment, String leadDuty, List<String> coHandling, String description) {
    }

    /** Who leads, who co-handles, which rule (null for the respondent rule) and why, in words staff can read. */
    public record Decision(Dept lead, List<Dept> coHandling, Rule rule, String reason) {
    }

    private final List<Rule> rules;
    private final Map<String, Dept> departments;
    private final Map<String, List<String>> synonyms;

    public RoutingTable(List<Rule> rules, List<Dept> departments, Map<String, List<String>> synonyms) {
        this.rules = rules.stream()
                .sorted(Comparator.comparingInt(Rule::priority).reversed()
                        .thenComparing(Comparator.comparingInt((Rule r) -> r.regionPrefix().length()).reversed())
                        .thenComparing(Rule::id))
                .toList();
        Map<String, Dept> byCode = new HashMap<>();
        departments.forEach(d -> byCode.put(d.code(), d));
        this.departments = Map.copyOf(byCode);
        Map<String, List<String>> normalised = new HashMap<>();
        synonyms.forEach((k, v) -> normalised.put(k, v.stream().map(RoutingTable::normalise).toList()));
        this.synonyms = Map.copyOf(normalised);
    }

    public Optional<Dept> department(String code) {
        return Optional.ofNullable(departments.get(code));
    }

    public int ruleCount() {
        return rules.size();
    }

    public Optional<Decision> route(GrievanceToRoute g) {
        Set<String> excluded = new HashSet<>(g.excluded());
        Dept respondent = g.respondentDepartment() == null ? null : departments.get(g.respondentDepartment());
        boolean respondentRule = respondent != null
                && ("COMPLAINT".equals(g.category()) || "TIP_OFF".equals(g.category()));
        if (respondentRule) {
            excluded.addAll(subtree(respondent.code()));
            if ("TIP_OFF".equals(g.category())) {
                return oversightOf(respondent.region(), excluded).map(body -> new Decision(body, List.of(), null,
                        "举报对象为 " + respondent.name() + "，依规不得由被举报单位及其下属单位办理，转 " + body.name()));
            }
        }
        String text = normalise(g.title() + g.content());
        for (Rule rule : rules) {
            List<String> hits = keywordHits(rule, text);
            if (!matches(rule, g, hits)) {
                continue;
            }
            Optional<Dept> lead = target(rule, g.regionCode(), excluded);
            if (lead.isEmpty()) {
                continue;
            }
            List<Dept> co = rule.coHandling().stream().map(departments::get)
                    .filter(d -> d != null && d.active() && !excluded.contains(d.code()) && !d.code().equals(lead.get().code()))
                    .toList();
            return Optional.of(new Decision(lead.get(), co, rule, explain(rule, g, hits, lead.get(), respondentRule ? respondent : null)));
        }
        if (respondentRule) {
            // the office responsible for the respondent's region: the nearest one up the chain, even if excluded
            Optional<Dept> office = inRegionChain(respondent.region(), d -> d.kind() == Kind.BUSINESS_ENVIRONMENT_OFFICE, Set.of())
                    .filter(d -> !excluded.contains(d.code()));
            if (office.isPresent()) {
                return Optional.of(new Decision(office.get(), List.of(), null, "投诉对象为 " + respondent.name()
                        + "，不得由其本身或下属单位办理，由所在地营商办 " + office.get().name() + " 办理"));
            }
            return oversightOf(respondent.region(), excluded).map(body -> new Decision(body, List.of(), null,
                    "投诉对象为 " + respondent.name() + "（营商办本身或其上级），转 " + body.name() + " 办理"));
        }
        return Optional.empty();
    }

    private static boolean matches(Rule rule, GrievanceToRoute g, List<String> hits) {
        return (rule.category() == null || rule.category().equals(g.category()))
                && (rule.subjectArea() == null || rule.subjectArea().equals(g.subjectArea()))
                && g.regionCode().startsWith(rule.regionPrefix())
                && (rule.keywords().isEmpty() || !hits.isEmpty());
    }

    /** The rule's keywords found in the text, each directly or through one of its synonyms. */
    private List<String> keywordHits(Rule rule, String text) {
        if (rule.keywords().isEmpty()) {
            return List.of();
        }
        List<String> hits = new ArrayList<>();
        for (String keyword : rule.keywords()) {
            String plain = normalise(keyword);
            if (text.contains(plain)) {
                hits.add(keyword);
                continue;
            }
            for (String synonym : synonyms.getOrDefault(keyword, List.of())) {
                if (text.contains(synonym)) {
                    hits.add(keyword + "（" + synonym + "）");
                    break;
                }
            }
        }
        return hits;
    }

    private Optional<Dept> target(Rule rule, String region, Set<String> excluded) {
        if (rule.leadDepartment() != null) {
            Dept d = departments.get(rule.leadDepartment());
            return d != null && d.active() && !excluded.contains(d.code()) ? Optional.of(d) : Optional.empty();
        }
        return inRegionChain(region, d -> rule.leadDuty().equals(d.duty()), excluded);
    }

    /** The first active, non-excluded department that satisfies the test at the region, its city, its province. */
    private Optional<Dept> inRegionChain(String region, java.util.function.Predicate<Dept> test, Set<String> excluded) {
        for (String level : regionChain(region)) {
            Optional<Dept> found = departments.values().stream()
                    .filter(d -> d.active() && d.region().equals(level) && test.test(d) && !excluded.contains(d.code()))
                    .min(Comparator.comparing(Dept::code));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Optional<Dept> oversightOf(String region, Set<String> excluded) {
        return inRegionChain(region, d -> d.kind() == Kind.OVERSIGHT_BODY, excluded);
    }

    /** 330106 → [330106, 330100, 330000]. */
    public static List<String> regionChain(String region) {
        Set<String> chain = new LinkedHashSet<>();
        chain.add(region);
        chain.add(region.substring(0, 4) + "00");
        chain.add(region.substring(0, 2) + "0000");
        return List.copyOf(chain);
    }

    /** The department and every department under it (by parent). */
    Set<String> subtree(String code) {
        Set<String> result = new HashSet<>();
        result.add(code);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Dept d : departments.values()) {
                if (d.parent() != null && result.contains(d.parent()) && result.add(d.code())) {
                    grew = true;
                }
            }
        }
        return result;
    }

    private static String explain(Rule rule, GrievanceToRoute g, List<String> hits, Dept lead, Dept respondent) {
        List<String> why = new ArrayList<>();
        if (rule.category() != null) {
            why.add("类别 " + g.category());
        }
        if (rule.subjectArea() != null) {
            why.add("事项 " + g.subjectArea());
        }
        why.add(rule.regionPrefix().isEmpty() ? "任意地区" : "地区 " + g.regionCode() + " 属于 " + rule.regionPrefix());
        if (!hits.isEmpty()) {
            why.add("关键词 " + String.join("、", hits));
        }
        if (rule.leadDuty() != null) {
            why.add("按职责 " + rule.leadDuty() + " 就近确定 " + lead.name());
        }
        if (respondent != null) {
            why.add("已排除投诉对象 " + respondent.name() + " 及其下属单位");
        }
        if (!g.excluded().isEmpty()) {
            why.add("已排除退回单位 " + String.join("、", g.excluded()));
        }
        return "规则 " + rule.id() + "（" + rule.description() + "）匹配：" + String.join("，", why);
    }

    /** Full-width to half-width, no spaces, lower case: 「乱 收 费」 and 「乱收费」 are the same text. */
    static String normalise(String text) {
        return Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC).replaceAll("\\s+", "").toLowerCase();
    }
}
