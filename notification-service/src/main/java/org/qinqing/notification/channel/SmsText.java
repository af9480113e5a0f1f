package org.qinqing.notification.channel;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a text into carrier segments: a Chinese SMS holds 70 characters, the signature 【…】 included. A longer
 * text is split into numbered parts "(1/2)…" of at most 70 characters each; one that would need more than
 * {@code maxParts} parts is shortened to fill them, ending in "…".
 */
public final class SmsText {

    public static final int SEGMENT = 70;
    private static final String ELLIPSIS = "…";

    private SmsText() {
    }

    public static List<String> parts(String text, String signName, int maxParts) {
        String clean = text.strip().replaceAll("\\s+", " ");
        int room = SEGMENT - signatureLength(signName);
        if (length(clean) <= room) {
            return List.of(clean);
        }
        // "(i/n)" takes 5 characters while n < 10
        int perPart = room - 5;
        int needed = (length(clean) + perPart - 1) / perPart;
        int parts = Math.min(needed, maxParts);
        if (needed > maxParts) {
            clean = take(clean, perPart * parts - 1) + ELLIPSIS;
        }
        List<String> out = new ArrayList<>();
        int[] cps = clean.codePoints().toArray();
        for (int i = 0; i < parts; i++) {
            int from = i * perPart;
            int to = Math.min(cps.length, from + perPart);
            out.add("(" + (i + 1) + "/" + parts + ")" + new String(cps, from, to - from));
        }
        return out;
    }

    /** Characters the carrier counts for the signature: the name and its two brackets. */
    public static int signatureLength(String signName) {
        return signName == null || signName.isBlank() ? 0 : length(signName) + 2;
    }

    public static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    private static String take(String s, int codePoints) {
        return new String(s.codePoints().limit(codePoints).toArray(), 0, Math.min(codePoints, length(s)));
    }
}
