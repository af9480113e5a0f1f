package org.qinqing.routing.rules;

import java.util.Set;

/**
 * The facts of a grievance that routing may look at. Enterprise size and ownership are deliberately absent:
 * equal treatment (PLATFORM.md §5) holds by construction. {@code excluded} are departments that must not lead,
 * such as those that returned the case.
 */
public record GrievanceToRoute(String category, String subjectArea, String regionCode, String title, String content,
        String respondentDepartment, Set<String> excluded) {
}
