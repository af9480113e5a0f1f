package org.qinqing.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qinqing.notification.channel.SmsText;

/** Carrier segments: 70 characters, the signature 【亲清平台】 (6) included. */
class SmsTextTest {

    static final String SIGN = "亲清平台";

    @Test
    void aTextThatFitsOneSegment_staysWhole() {
        String text = "您的诉求已受理，编号QQ20261124000042，可凭编号查询进度。";
        assertEquals(List.of(text), SmsText.parts(text, SIGN, 3));
    }

    @Test
    void exactly64CharactersPlusSignature_isOneSegment_65IsTwo() {
        assertEquals(1, SmsText.parts("诉".repeat(64), SIGN, 3).size());
        List<String> two = SmsText.parts("诉".repeat(65), SIGN, 3);
        assertEquals(2, two.size());
        assertTrue(two.get(0).startsWith("(1/2)") && two.get(1).startsWith("(2/2)"));
    }

    @Test
    void aLongText_isSplitIntoNumberedPartsOfAtMost70WithTheSignature() {
        String text = "您的诉求QQ20261124000042已由杭州市地方金融管理局答复，请评价：https://qinqing.example.gov.cn/rate/"
                + "eyJhbGciOiJIUzI1NiJ9.eyJncmlldmFuY2UiOiIxIn0.sig";
        // 123 characters; each part holds 70 - 6 (signature) - 5 ("(i/n)") = 59
        List<String> parts = SmsText.parts(text, SIGN, 3);
        assertEquals(3, parts.size());
        for (String part : parts) {
            assertTrue(SmsText.length(part) + SmsText.signatureLength(SIGN) <= SmsText.SEGMENT, part);
        }
        assertEquals(text, String.join("", parts.stream().map(p -> p.substring(5)).toList()), "nothing lost");
    }

    @Test
    void aTextBeyondTheMaximumParts_isShortenedWithAnEllipsis() {
        String text = "督".repeat(500);
        List<String> parts = SmsText.parts(text, SIGN, 3);
        assertEquals(3, parts.size());
        assertTrue(parts.get(2).endsWith("…"));
        parts.forEach(p -> assertTrue(SmsText.length(p) + 6 <= 70, p));
    }

    @Test
    void surrogatePairsCountAsOneCharacter() {
        assertEquals(1, SmsText.parts("𠀀".repeat(64), SIGN, 3).size());
    }
}
