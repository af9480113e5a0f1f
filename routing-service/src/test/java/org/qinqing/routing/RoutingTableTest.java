package org.qinqing.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.qinqing.routing.rules.GrievanceToRoute;
import org.qinqing.routing.rules.RoutingTable;
import org.qinqing.routing.rules.RoutingTable.Dept;
import org.qinqing.routing.rules.RoutingTable.Kind;
import org.qinqing.routing.rules.RoutingTable.Rule;

/** The routing decision on a small directory, without a database. */
class RoutingTableTest {

    static final List<Dept> DIRECTORY = List.of(
            new Dept("ZJ-JW", "浙江省纪委监委", Kind.OVERSIGHT_BODY, "PROVINCE", "330000", null, "oversight", true),
            new Dept("ZJ-YSB", "浙江省营商办", Kind.BUSINESS_ENVIRONMENT_OFFICE, "PROVINCE", "330000", null, "business-environment", true),
            new Dept("ZJ-SCJG", "浙江省市场监管局", Kind.ORDINARY, "PROVINCE", "330000", null, "market-regulation", true),
            new Dept("HZ-JW", "杭州市纪委监委", Kind.OVERSIGHT_BODY, "CITY", "330100", "ZJ-JW", "oversight", true),
            new Dept("HZ-YSB", "杭州市营商办", Kind.BUSINESS_ENVIRONMENT_OFFICE, "CITY", "330100", "ZJ-YSB", "business-environment", true),
            new Dept("HZ-SCJG", "杭州市市场监管局", Kind.ORDINARY, "CITY", "330100", "ZJ-SCJG", "market-regulation", true),
            new Dept("HZ-JRB", "杭州市金融管理局", Kind.ORDINARY, "CITY", "330100", null, "finance", true),
            new Dept("HZ-GXJ", "杭州市经信局", Kind.ORDINARY, "CITY", "330100", null, "economy", true),
            new Dept("XH-SCJG", "西湖区市场监管局", Kind.ORDINARY, "DISTRICT", "330106", "HZ-SCJG", "market-regulation", true),
            new Dept("XH-GXJ", "西湖区经信局", Kind.ORDINARY, "DISTRICT", "330106", "HZ-GXJ", "economy", true),
            new Dept("XH-YSB", "西湖区营商办", Kind.BUSINESS_ENVIRONMENT_OFFICE, "DISTRICT", "330106", "HZ-YSB", "business-environment", true));

    static final List<Rule> RULES = List.of(
            new Rule("R-FIN-HZ", 100, null, "FINANCING", "3301", List.of(), "HZ-JRB", null, List.of(), "杭州融资"),
            new Rule("R-FIN-XH", 100, null, "FINANCING", "330106", List.of(), "XH-GXJ", null, List.of("HZ-JRB"), "西湖融资"),
            new Rule("R-ARREARS", 90, null, null, "33", List.of("拖欠账款"), null, "economy", List.of(), "拖欠账款"),
            new Rule("R-POWER", 90, null, null, "33", List.of("用电报装"), null, "economy", List.of(), "用电报装"),
            new Rule("R-FEES", 80, "COMPLAINT", null, "33", List.of("乱收费"), null, "market-regulation", List.of(), "乱收费"),
            new Rule("R-FEES-TO-SCJG", 200, "TIP_OFF", null, "33", List.of("乱收费"), "HZ-SCJG", null, List.of(), "错误规则"),
            new Rule("R-LOAN", 95, "CONSULTATION", null, "33", List.of("融资贷款"), "HZ-JRB", null, List.of(), "融资贷款咨询"),
            new Rule("R-ANY-HZ", 10, null, null, "3301", List.of(), "HZ-YSB", null, List.of(), "杭州兜底"));

    static final Map<String, List<String>> SYNONYMS = Map.of(
            "乱收费", List.of("违规收费", "不合理费用"),
            "拖欠账款", List.of("拖欠工程款", "拖欠货款"),
            "用电报装", List.of("接电", "电力接入"),
            "融资贷款", List.of("贷款", "授信"));

    final RoutingTable table = new RoutingTable(RULES, DIRECTORY, SYNONYMS);

    static GrievanceToRoute grievance(String category, String subject, String region, String title, String content) {
        return new GrievanceToRoute(category, subject, region, title, content, null, Set.of());
    }

    @Test
    void equalPriority_theLongerRegionPrefixWins_andCoHandlingComesWithTheRule() {
        var decision = table.route(grievance("HELP_REQUEST", "FINANCING", "330106", "贷款", "")).orElseThrow();
        assertEquals("XH-GXJ", decision.lead().code());
        assertEquals(List.of("HZ-JRB"), decision.coHandling().stream().map(Dept::code).toList());
        assertEquals("R-FIN-HZ", table.route(grievance("HELP_REQUEST", "FINANCING", "330102", "贷款", "")).orElseThrow().rule().id());
    }

    @Test
    void keywordsMatchChineseText_directlyOrThroughASynonym_andTheDutyResolvesAtTheGrievancesLevel() {
        var arrears = table.route(grievance("HELP_REQUEST", "OTHER", "330106", "工程款迟迟不给",
                "区里的项目拖欠工程款一年多了")).orElseThrow();
        assertEquals("R-ARREARS", arrears.rule().id());
        assertEquals("XH-GXJ", arrears.lead().code(), "the economy department of the grievance's own district");
        assertTrue(arrears.reason().contains("拖欠账款（拖欠工程款）"), arrears.reason());

        var power = table.route(grievance("HELP_REQUEST", "UTILITIES", "330102", "新厂房用 电 报 装", "")).orElseThrow();
        assertEquals("R-POWER", power.rule().id());
        assertEquals("HZ-GXJ", power.lead().code(), "no economy department in 330102, so the city's");

        assertEquals("R-FEES", table.route(grievance("COMPLAINT", "OTHER", "330106", "检查时收取不合理费用", ""))
                .orElseThrow().rule().id());
        var loan = table.route(grievance("CONSULTATION", "OTHER", "330106", "咨询银行授信政策", "小微企业能否申请信用授信"))
                .orElseThrow();
        assertEquals("R-LOAN", loan.rule().id());
        assertTrue(loan.reason().contains("融资贷款（授信）"), loan.reason());
        assertEquals("R-ANY-HZ", table.route(grievance("COMPLAINT", "OTHER", "330106", "办事难", "窗口态度差"))
                .orElseThrow().rule().id());
    }

    @Test
    void aTipOffNeverGoesToItsRespondent_evenWhenAHigherRuleSaysSo() {
        var decision = table.route(new GrievanceToRoute("TIP_OFF", "FEES_AND_CHARGES", "330106", "市场监管局乱收费",
                "执法人员违规收费", "HZ-SCJG", Set.of())).orElseThrow();
        assertEquals("HZ-JW", decision.lead().code(), "the oversight body of the respondent's region");
        assertNull(decision.rule());
        assertTrue(decision.reason().contains("杭州市市场监管局"), decision.reason());
    }

    @Test
    void aComplaintAgainstADepartment_skipsItAndEveryDepartmentUnderIt() {
        // R-FEES names market regulation: 西湖区 and 杭州市 are the respondent and under it, so the province's
        var decision = table.route(new GrievanceToRoute("COMPLAINT", "FEES_AND_CHARGES", "330106", "乱收费", "",
                "HZ-SCJG", Set.of())).orElseThrow();
        assertEquals("ZJ-SCJG", decision.lead().code());
        // no rule applies: the region's business-environment office
        var office = table.route(new GrievanceToRoute("COMPLAINT", "OTHER", "110105", "服务差", "", "HZ-SCJG", Set.of()))
                .orElseThrow();
        assertEquals("HZ-YSB", office.lead().code());
        // the office itself is the respondent: the oversight body
        var oversight = table.route(new GrievanceToRoute("COMPLAINT", "OTHER", "110105", "营商办推诿", "", "HZ-YSB",
                Set.of())).orElseThrow();
        assertEquals("HZ-JW", oversight.lead().code());
    }

    @Test
    void departmentsThatReturnedTheCase_areNeverChosenAgain() {
        var decision = table.route(new GrievanceToRoute("HELP_REQUEST", "FINANCING", "330106", "贷款", "", null,
                Set.of("XH-GXJ"))).orElseThrow();
        assertEquals("HZ-JRB", decision.lead().code());
        assertTrue(decision.reason().contains("已排除退回单位 XH-GXJ"), decision.reason());
        assertTrue(table.route(new GrievanceToRoute("HELP_REQUEST", "FINANCING", "110105", "贷款", "", null, Set.of()))
                .isEmpty(), "nothing matches outside Hangzhou: manual dispatch");
    }
}
