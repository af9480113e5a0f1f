package org.qinqing.notification.channel;

/**
 * A send that did not succeed. Transient failures (timeouts, 5xx, flow control) are retried with back-off;
 * permanent ones (invalid number, unsubscribed user, 4xx) go straight to the dead letters.
 */
public class DeliveryFailure extends Exception {

    private final boolean permanent;
    private final int partsSent;

    private DeliveryFailure(boolean permanent, String reason, int partsSent, Throwable cause) {
        super(reason, cause, false, false);
        this.permanent = permanent;
        this.partsSent = partsSent;
    }

    public static DeliveryFailure transientFailure(String reason) {
        return new DeliveryFailure(false, reason, -1, null);
    }

    public static DeliveryFailure transientFailure(String reason, Throwable cause) {
        return new DeliveryFailure(false, reason, -1, cause);
    }

    public static DeliveryFailure permanent(String reason) {
        return new DeliveryFailure(true, reason, -1, null);
    }

    /** The same failure, noting that the first {@code parts} parts of the message did go out. */
    public DeliveryFailure afterParts(int parts) {
        return new DeliveryFailure(permanent, getMessage(), parts, getCause());
    }

    public boolean permanent() {
        return permanent;
    }

    /** Parts delivered before the failure, or -1 when the channel does not split. */
    public int partsSent() {
        return partsSent;
    }
}
