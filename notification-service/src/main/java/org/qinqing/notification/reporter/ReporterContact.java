package org.qinqing.notification.reporter;

/** A tip-off reporter's contact as intake answers it; held in memory while sending, never stored or logged. */
public record ReporterContact(String name, String phone, String email) {

    @Override
    public String toString() {
        return "ReporterContact[***]";
    }
}
