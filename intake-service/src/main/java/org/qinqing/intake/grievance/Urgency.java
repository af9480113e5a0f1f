package org.qinqing.intake.grievance;

public enum Urgency {
    NORMAL, URGENT
}
