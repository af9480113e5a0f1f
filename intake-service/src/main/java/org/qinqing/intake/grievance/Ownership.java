package org.qinqing.intake.grievance;

public enum Ownership {
    STATE_OWNED, PRIVATE, FOREIGN_INVESTED
}
