package org.qinqing.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Who caused an event: a role and the department or region it acted for; never a person's name. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Actor(String role, String department, String region) {

    public static Actor system() {
        return new Actor("system", null, null);
    }

    public static Actor ofDepartment(String role, String department) {
        return new Actor(role, department, null);
    }

    public static Actor ofRegion(String role, String region) {
        return new Actor(role, null, region);
    }
}
