package org.qinqing.events;

/** The one place that spells the envelope's naming rules of PLATFORM.md §4. */
public final class CloudEventTypes {

    private static final String PREFIX = "cn.qinqing.";

    private CloudEventTypes() {
    }

    public static String type(String service, String eventName, int version) {
        return PREFIX + service + "." + eventName + ".v" + version;
    }

    public static String source(String service) {
        return "/qinqing/" + service;
    }

    /** {@code cn.qinqing.routing.dispatched.v1} → {@code [routing, dispatched, 1]}, or null when it is not ours. */
    static String[] parse(String type) {
        if (type == null || !type.startsWith(PREFIX)) {
            return null;
        }
        String[] parts = type.substring(PREFIX.length()).split("\\.");
        if (parts.length != 3 || !parts[2].matches("v\\d+")) {
            return null;
        }
        return new String[] { parts[0], parts[1], parts[2].substring(1) };
    }
}
