package org.qinqing.intake.open311;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qinqing.intake.grievance.Category;
import org.qinqing.intake.grievance.EnterpriseSize;
import org.qinqing.intake.grievance.Ownership;
import org.qinqing.intake.grievance.SubjectArea;
import org.qinqing.intake.grievance.Urgency;

/**
 * Our categories as Open311 services, and our required fields as service attributes (PLATFORM.md §5
 * "Interoperability"). Tip-offs are not offered: Open311 is public, a tip-off's reporter is protected.
 */
public final class Open311Catalog {

    private Open311Catalog() {
    }

    public record Service(@JsonProperty("service_code") String code, @JsonProperty("service_name") String name,
            String description, boolean metadata, String type, String keywords, String group) {
    }

    public record Value(String key, String name) {
    }

    public record Attribute(boolean variable, String code, String datatype, boolean required,
            @JsonProperty("datatype_description") String datatypeDescription, int order, String description,
            List<Value> values) {
    }

    public record Definition(@JsonProperty("service_code") String code, List<Attribute> attributes) {
    }

    /** service_code → category, in the order services are listed. */
    static final Map<String, Category> CODES = new LinkedHashMap<>();
    static final Map<Category, String[]> NAMES = Map.of(
            Category.CONSULTATION, new String[] { "政策咨询", "Questions about policies, permits and procedures" },
            Category.HELP_REQUEST, new String[] { "求助", "Help with a problem the enterprise cannot solve alone (排忧解难)" },
            Category.COMPLAINT, new String[] { "投诉", "A complaint about a department's service or conduct" },
            Category.SUGGESTION, new String[] { "建议", "A suggestion to improve the business environment" });

    static {
        CODES.put("consultation", Category.CONSULTATION);
        CODES.put("help-request", Category.HELP_REQUEST);
        CODES.put("complaint", Category.COMPLAINT);
        CODES.put("suggestion", Category.SUGGESTION);
    }

    static final Map<SubjectArea, String> SUBJECT_NAMES = Map.ofEntries(
            Map.entry(SubjectArea.PROJECT_APPROVAL, "项目审批"), Map.entry(SubjectArea.FINANCING, "融资"),
            Map.entry(SubjectArea.EMPLOYMENT, "用工"), Map.entry(SubjectArea.PERMITS_AND_PROCEDURES, "证照办理"),
            Map.entry(SubjectArea.FEES_AND_CHARGES, "涉企收费"), Map.entry(SubjectArea.LAW_ENFORCEMENT_INSPECTIONS, "执法检查"),
            Map.entry(SubjectArea.ARREARS, "拖欠企业账款"), Map.entry(SubjectArea.POLICY_BENEFITS, "惠企政策兑现"),
            Map.entry(SubjectArea.MARKET_ACCESS, "市场准入"), Map.entry(SubjectArea.UTILITIES, "水电气报装"),
            Map.entry(SubjectArea.OTHER, "其他"));

    public static List<Service> services() {
        return CODES.entrySet().stream().map(e -> new Service(e.getKey(), NAMES.get(e.getValue())[0],
                NAMES.get(e.getValue())[1], true, "realtime", String.join(",", NAMES.get(e.getValue())[0], e.getKey()),
                "企业诉求")).toList();
    }

    public static Optional<Category> category(String code) {
        return Optional.ofNullable(code).map(CODES::get);
    }

    public static String code(Category category) {
        return CODES.entrySet().stream().filter(e -> e.getValue() == category).map(Map.Entry::getKey).findFirst().orElse(null);
    }

    public static String name(Category category) {
        String[] names = NAMES.get(category);
        return names == null ? null : names[0];
    }

    public static Optional<Definition> definition(String code) {
        return category(code).map(category -> {
            List<Attribute> attributes = new java.util.ArrayList<>(List.of(
                    new Attribute(true, "uscc", "string", true, "18 characters, GB 32100-2015, with its check character", 1,
                            "统一社会信用代码", null),
                    new Attribute(true, "enterprise_name", "string", true, "up to 100 characters", 2, "企业名称", null),
                    new Attribute(true, "region", "string", true, "6-digit GB/T 2260 administrative division code", 3,
                            "所在行政区划代码", null),
                    new Attribute(true, "subject_area", "singlevaluelist", true, null, 4, "诉求领域",
                            Arrays.stream(SubjectArea.values()).map(s -> new Value(s.name(), SUBJECT_NAMES.get(s))).toList()),
                    new Attribute(true, "title", "string", true, "up to 100 characters", 5, "诉求标题", null),
                    new Attribute(true, "urgency", "singlevaluelist", false, "NORMAL when not given", 6, "紧急程度",
                            List.of(new Value(Urgency.NORMAL.name(), "一般"), new Value(Urgency.URGENT.name(), "紧急"))),
                    new Attribute(true, "enterprise_size", "singlevaluelist", false, null, 7, "企业规模",
                            List.of(new Value(EnterpriseSize.LARGE.name(), "大型"), new Value(EnterpriseSize.MEDIUM.name(), "中型"),
                                    new Value(EnterpriseSize.SMALL.name(), "小型"), new Value(EnterpriseSize.MICRO.name(), "微型"),
                                    new Value(EnterpriseSize.INDIVIDUAL_BUSINESS.name(), "个体工商户"))),
                    new Attribute(true, "ownership", "singlevaluelist", false, null, 8, "所有制",
                            List.of(new Value(Ownership.STATE_OWNED.name(), "国有"), new Value(Ownership.PRIVATE.name(), "民营"),
                                    new Value(Ownership.FOREIGN_INVESTED.name(), "外资")))));
            if (category == Category.COMPLAINT) {
                attributes.add(new Attribute(true, "respondent_department", "string", false,
                        "the code of the department complained about, if any", 9, "被投诉部门代码", null));
            }
            return new Definition(code, attributes);
        });
    }
}
