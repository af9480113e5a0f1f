package org.qinqing.routing.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.qinqing.routing.rules.GrievanceToRoute;
import org.qinqing.routing.rules.RoutingTable;
import org.qinqing.routing.rules.RoutingTable.Dept;
import org.qinqing.routing.rules.RoutingTable.Kind;
import org.qinqing.routing.rules.RoutingTable.Rule;

/**
 * Harness (not a test): the cost of one routing decision against 1,000 rules and 500 departments, measured per
 * call after warm-up, printed as percentiles. Run: see routing-service/README.md "Benchmark".
 */
public final class RoutingBenchmark {

    static final String[] CATEGORIES = { "CONSULTATION", "HELP_REQUEST", "COMPLAINT", "TIP_OFF", "SUGGESTION" };
    static final String[] SUBJECTS = { "PROJECT_APPROVAL", "FINANCING", "EMPLOYMENT", "PERMITS_AND_PROCEDURES",
            "FEES_AND_CHARGES", "LAW_ENFORCEMENT_INSPECTIONS", "ARREARS", "POLICY_BENEFITS", "MARKET_ACCESS", "UTILITIES" };
    static final String[] DUTIES = { "finance", "market-regulation", "economy", "employment", "housing", "tax",
            "environment", "transport", "commerce", "science" };
    static final String[] KEYWORDS = { "乱收费", "拖欠账款", "用电报装", "融资贷款", "营业执照", "社保补贴", "环评审批", "土地出让",
            "消防验收", "出口退税", "人才补贴", "用水报装" };
    static final String[] FILLER = { "我公司", "反映", "多次", "没有结果", "请求协调", "项目", "审批", "街道", "窗口", "工作人员",
            "材料", "已经", "三个月", "希望", "尽快", "解决" };

    public static void main(String[] args) {
        int departmentCount = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int ruleCount = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Random random = new Random(20261124);

        List<Dept> departments = new ArrayList<>();
        List<String> regions = new ArrayList<>();
        regions.add("330000");
        for (int city = 1; city <= 11; city++) {
            String c = String.format("33%02d00", city);
            regions.add(c);
            for (int district = 1; district <= 4; district++) {
                regions.add(String.format("33%02d%02d", city, district));
            }
        }
        for (int i = 0; departments.size() < departmentCount; i++) {
            String region = regions.get(i % regions.size());
            String level = region.endsWith("0000") ? "PROVINCE" : region.endsWith("00") ? "CITY" : "DISTRICT";
            Kind kind = i % 10 == 0 ? Kind.BUSINESS_ENVIRONMENT_OFFICE : i % 10 == 1 ? Kind.OVERSIGHT_BODY : Kind.ORDINARY;
            departments.add(new Dept("D" + i, "部门" + i, kind, level, region, i > regions.size() ? "D" + (i % regions.size()) : null,
                    DUTIES[i % DUTIES.length], true));
        }
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < ruleCount; i++) {
            String prefix = regions.get(random.nextInt(regions.size()));
            prefix = prefix.substring(0, random.nextBoolean() ? 4 : prefix.endsWith("00") ? 2 : 6);
            boolean byDuty = random.nextInt(3) == 0;
            rules.add(new Rule("R" + i, random.nextInt(1000), random.nextInt(3) == 0 ? CATEGORIES[random.nextInt(5)] : null,
                    random.nextBoolean() ? SUBJECTS[random.nextInt(SUBJECTS.length)] : null, prefix,
                    random.nextInt(4) == 0 ? List.of(KEYWORDS[random.nextInt(KEYWORDS.length)]) : List.of(),
                    byDuty ? null : "D" + random.nextInt(departmentCount), byDuty ? DUTIES[random.nextInt(DUTIES.length)] : null,
                    random.nextInt(5) == 0 ? List.of("D" + random.nextInt(departmentCount)) : List.of(), "规则" + i));
        }
        Map<String, List<String>> synonyms = new HashMap<>();
        for (String keyword : KEYWORDS) {
            synonyms.put(keyword, List.of(keyword.substring(0, 2) + "问题", "关于" + keyword.substring(2)));
        }
        RoutingTable table = new RoutingTable(rules, departments, synonyms);

        List<GrievanceToRoute> grievances = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            StringBuilder content = new StringBuilder();
            for (int w = 0; w < 40; w++) {
                content.append(FILLER[random.nextInt(FILLER.length)]);
                if (random.nextInt(30) == 0) {
                    content.append(KEYWORDS[random.nextInt(KEYWORDS.length)]);
                }
            }
            String category = CATEGORIES[random.nextInt(5)];
            grievances.add(new GrievanceToRoute(category, SUBJECTS[random.nextInt(SUBJECTS.length)],
                    regions.get(random.nextInt(regions.size())).replaceAll("00$", "01"), "关于企业诉求的反映", content.toString(),
                    random.nextInt(10) == 0 ? "D" + random.nextInt(departmentCount) : null,
                    random.nextInt(20) == 0 ? Set.of("D" + random.nextInt(departmentCount)) : Set.of()));
        }

        int manual = 0;
        for (int i = 0; i < 100_000; i++) {
            manual += table.route(grievances.get(i % grievances.size())).isEmpty() ? 1 : 0;
        }
        int n = 200_000;
        long[] nanos = new long[n];
        manual = 0;
        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            boolean none = table.route(grievances.get(i % grievances.size())).isEmpty();
            nanos[i] = System.nanoTime() - t0;
            manual += none ? 1 : 0;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Arrays.sort(nanos);
        System.out.printf("routing decision: %d rules, %d departments, %d decisions on %d distinct grievances, 1 thread%n",
                table.ruleCount(), departments.size(), n, grievances.size());
        System.out.printf("  p50 %.1f µs   p99 %.1f µs   p99.9 %.1f µs   max %.1f µs   %.0f decisions/s   %.1f%% to manual dispatch%n",
                nanos[n / 2] / 1e3, nanos[(int) (n * 0.99)] / 1e3, nanos[(int) (n * 0.999)] / 1e3, nanos[n - 1] / 1e3,
                n / seconds, 100.0 * manual / n);
        System.out.printf("  machine: %d cores, %s %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
    }
}
