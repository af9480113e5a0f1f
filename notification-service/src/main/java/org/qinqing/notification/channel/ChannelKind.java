package org.qinqing.notification.channel;

/** The ways a notice reaches its recipient. Only SMS and WeChat respect quiet hours. */
public enum ChannelKind {
    IN_APP, EMAIL, SMS, WECHAT, WEBHOOK;

    public boolean respectsQuietHours() {
        return this == SMS || this == WECHAT;
    }
}
