package org.qinqing.intake.grievance;

/** Every channel enterprises use (PLATFORM.md §1); online ones are accepted automatically. */
public enum Channel {
    WEB, APP, WECHAT, SMS, HOTLINE, LETTER, VISIT, TV_RADIO_HOTLINE, OPEN311;

    public boolean online() {
        return this == WEB || this == APP || this == WECHAT;
    }
}
