package org.qinqing.routing.rules;

/** The facts of a grievance that routing may look at. Enterprise size and ownership are deliberately absent: equal treatment. */
public record GrievanceToRoute(String category, String subjectArea, String regionCode, String title, String content) {
}
