package org.qinqing.notification.channel;

/** Phone numbers, e-mail addresses, WeChat ids and principals as logs and responses may show them. */
public final class Masking {

    private Masking() {
    }

    /** 13812345678 → 138****5678; a@b.cn → a***@b.cn; an openid or URL keeps its first and last 4. */
    public static String address(ChannelKind channel, String address) {
        if (address == null) {
            return null;
        }
        return switch (channel) {
            case EMAIL -> email(address);
            case SMS -> phone(address);
            case WEBHOOK -> webhook(address);
            default -> middle(address, 4, 4);
        };
    }

    public static String phone(String phone) {
        return phone.length() < 7 ? "***" : phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
    }

    public static String email(String email) {
        int at = email.indexOf('@');
        return at <= 0 ? "***" : email.charAt(0) + "***" + email.substring(at);
    }

    /** Only the scheme and host of an integrator's endpoint. */
    static String webhook(String url) {
        try {
            java.net.URI uri = java.net.URI.create(url);
            return uri.getScheme() + "://" + uri.getHost() + "/***";
        } catch (IllegalArgumentException e) {
            return "***";
        }
    }

    /** enterprise:91330106MA2B2C3D4W → enterprise:9133**********3D4W; reporter:… → reporter:***. */
    public static String principal(String principal) {
        int colon = principal.indexOf(':');
        if (colon < 0) {
            return middle(principal, 4, 4);
        }
        String kind = principal.substring(0, colon);
        if (kind.equals("reporter")) {
            return "reporter:***";
        }
        if (kind.equals("webhook")) {
            return principal;
        }
        String id = principal.substring(colon + 1);
        return id.length() <= 8 ? principal : kind + ":" + middle(id, 4, 4);
    }

    private static String middle(String s, int head, int tail) {
        return s.length() <= head + tail ? "***" : s.substring(0, head) + "*".repeat(s.length() - head - tail)
                + s.substring(s.length() - tail);
    }
}
