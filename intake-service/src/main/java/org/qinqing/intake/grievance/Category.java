package org.qinqing.intake.grievance;

/** PLATFORM.md §5 "Categories". */
public enum Category {
    CONSULTATION, // 政策咨询
    HELP_REQUEST, // 求助/排忧解难
    COMPLAINT, // 投诉
    TIP_OFF, // 举报
    SUGGESTION // 建议
}
