package org.qinqing.intake.grievance;

public enum EnterpriseSize {
    LARGE, MEDIUM, SMALL, MICRO, INDIVIDUAL_BUSINESS // 个体工商户
}
