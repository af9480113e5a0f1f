package org.qinqing.intake.grievance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Screening's similarity: the Dice coefficient over character bigrams, ignoring whitespace, punctuation and case. */
class SimilarityTest {

    @Test
    void theSameMatterReworded_onlyInPunctuationSpacingAndCase_isTheSame() {
        assertEquals(1.0, Screening.similarity("融资贷款审批，迟迟没有结果！ABC", "融资贷款审批迟迟没有结果 abc"));
    }

    @Test
    void anotherMatter_isFarBelowTheThreshold() {
        assertTrue(Screening.similarity("融资贷款审批迟迟没有结果", "高新技术企业认定奖励何时兑现") < 0.1);
    }

    @Test
    void aRepeatedBigramCountsAsOftenAsBothTextsHaveIt() {
        // 哈哈哈哈 has 哈哈 three times, 哈哈 once: one shared of four
        assertEquals(0.5, Screening.similarity("哈哈哈哈", "哈哈"));
        assertEquals(0.0, Screening.similarity("。", "哈"));
    }

    /** The definition, as screening computed it before: a regex, substrings and counting maps. */
    private static final Pattern IGNORED = Pattern.compile("[\\s\\p{Punct}，。、；：？！“”‘’（）【】]");

    private static double byDefinition(String a, String b) {
        Map<String, Integer> left = countedBigrams(a);
        Map<String, Integer> right = countedBigrams(b);
        int total = left.values().stream().mapToInt(Integer::intValue).sum()
                + right.values().stream().mapToInt(Integer::intValue).sum();
        if (total == 0) {
            return 0;
        }
        int shared = 0;
        for (Map.Entry<String, Integer> e : left.entrySet()) {
            shared += Math.min(e.getValue(), right.getOrDefault(e.getKey(), 0));
        }
        return 2.0 * shared / total;
    }

    private static Map<String, Integer> countedBigrams(String text) {
        String normalized = IGNORED.matcher(text).replaceAll("").toLowerCase();
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i + 2 <= normalized.length(); i++) {
            counts.merge(normalized.substring(i, i + 2), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void agreesWithTheDefinition_onTextsMixingChineseLettersDigitsPunctuationAndSpace() {
        Random random = new Random(20261205);
        String alphabet = "融资贷款审批迟迟没有结果企业申请税务合同编号ABCabcxyz0129 \t\n\r，。、；：？！“”‘’（）【】!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\u00A0\u3000";
        for (int n = 0; n < 2_000; n++) {
            String a = randomText(random, alphabet);
            // the second text often a variation of the first, so high similarities are tried as well as low ones
            String b = random.nextBoolean() ? randomText(random, alphabet) : vary(random, a, alphabet);
            assertEquals(byDefinition(a, b), Screening.similarity(a, b), 1e-12, () -> "'" + a + "' vs '" + b + "'");
        }
    }

    private static String randomText(Random random, String alphabet) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(60);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static String vary(Random random, String text, String alphabet) {
        StringBuilder varied = new StringBuilder(text);
        for (int changes = random.nextInt(4); changes > 0 && !varied.isEmpty(); changes--) {
            varied.setCharAt(random.nextInt(varied.length()), alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return varied.toString();
    }
}
