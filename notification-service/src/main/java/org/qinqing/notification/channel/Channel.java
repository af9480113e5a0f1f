package org.qinqing.notification.channel;

/**
 * One way out (email, SMS gateway, WeChat, webhook). {@link #send} either returns (delivered) or throws a
 * {@link DeliveryFailure} that says whether trying again may help.
 */
public interface Channel {

    ChannelKind kind();

    /** @return the number of parts delivered so far (SMS splits long texts; others 1) */
    int send(OutgoingMessage message) throws DeliveryFailure;
}
