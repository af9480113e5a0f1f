package org.qinqing.intake.reporter;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Who reported a tip-off, as only the handling commission's oversight users may read it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReporterIdentity(boolean anonymous, String uscc, String enterpriseName, String enterpriseSize,
        String ownership, String contactName, String contactPhone, String contactEmail) {

    /** How to reach the reporter, for notification: no USCC or enterprise. */
    public record Contact(String name, String phone, String email) {
    }

    public Contact contact() {
        return new Contact(contactName, contactPhone, contactEmail);
    }
}
