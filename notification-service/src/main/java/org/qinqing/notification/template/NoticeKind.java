package org.qinqing.notification.template;

/** What a notice is about; each has a template per language (templates/notices/{language}/{key}.txt). */
public enum NoticeKind {
    // the enterprise (and its liaison officer, in copy)
    RECEIPT("receipt"),
    REJECTED("rejected"),
    DISPATCHED("dispatched"),
    INFO_REQUESTED("info-requested"),
    REPLY("reply"),
    CLOSED("closed"),
    // department staff
    ASSIGNMENT("assignment"),
    WARNING("warning"),
    OVERDUE("overdue"),
    URGED("urged"),
    SUPERVISION("supervision"),
    CO_HANDLING("co-handling"),
    // supervisors, oversight, operators
    ESCALATED("escalated"),
    EXTENSION_REQUESTED("extension-requested"),
    RETURN_ESCALATED("return-escalated"),
    REOPEN_LIMIT("reopen-limit"),
    SUMMONS_LIST("summons-list"),
    MANUAL_DISPATCH("manual-dispatch");

    private final String key;

    NoticeKind(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static NoticeKind find(String key) {
        for (NoticeKind kind : values()) {
            if (kind.key.equals(key)) {
                return kind;
            }
        }
        return null;
    }
}
