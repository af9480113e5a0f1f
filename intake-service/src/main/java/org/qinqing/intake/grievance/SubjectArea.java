package org.qinqing.intake.grievance;

/** The subject areas of PLATFORM.md §5 "Categories". */
public enum SubjectArea {
    PROJECT_APPROVAL, // 项目审批
    FINANCING, // 融资
    EMPLOYMENT, // 用工
    PERMITS_AND_PROCEDURES, // 证照办理
    FEES_AND_CHARGES, // 涉企收费
    LAW_ENFORCEMENT_INSPECTIONS, // 执法检查
    ARREARS, // 拖欠企业账款
    POLICY_BENEFITS, // 惠企政策兑现
    MARKET_ACCESS, // 市场准入
    UTILITIES, // 水电气报装
    OTHER
}
