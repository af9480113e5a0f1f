package org.qinqing.intake.grievance;

/**
 * Every channel enterprises use (PLATFORM.md §1): online ones are the enterprise's own, offline ones an operator
 * registers; OPEN311 is a client organisation's; RATING is a tip-off raised by a negative 清 mark.
 */
public enum Channel {
    WEB, APP, WECHAT, SMS, HOTLINE, LETTER, VISIT, TV_RADIO_HOTLINE, OPEN311, RATING;

    public boolean online() {
        return this == WEB || this == APP || this == WECHAT;
    }

    public boolean offline() {
        return this == SMS || this == HOTLINE || this == LETTER || this == VISIT || this == TV_RADIO_HOTLINE;
    }
}
