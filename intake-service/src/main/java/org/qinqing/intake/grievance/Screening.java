package org.qinqing.intake.grievance;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides whether an online submission is accepted automatically or waits in the operators' screening queue
 * (受理审核): a suspected duplicate of the same enterprise's recent case, or text a rule flags as out of scope.
 */
@ApplicationScoped
public class Screening {

    /** Why a submission waits for an operator; {@code duplicateOf} names the case it resembles. */
    public record Flag(String reason, UUID duplicateOf) {
    }

    /** What screening reads of an earlier case. */
    public record RecentCase(UUID id, String trackingNumber, String title, String content) {
    }

    static final int RECENT_CASES_COMPARED = 50;
    private static final String CHINESE_PUNCTUATION = "，。、；：？！“”‘’（）【】";

    private final Duration duplicateWindow;
    private final double similarityThreshold;
    private final List<String> outOfScopeWords;
    /**
     * Earlier cases' bigrams by their text: a busy enterprise's every submission compares the same recent cases
     * again, and computing their bigrams was most of screening's cost (BENCHMARKS.md). Keyed by the text itself, so
     * an edited case is never compared by its old words; bounded by weight (about 2 bytes per unit), not by count,
     * since a text may be 5,000 characters long.
     */
    private final Cache<String, int[]> earlierBigrams = Caffeine.newBuilder()
            .maximumWeight(2_000_000)
            .<String, int[]>weigher((text, bigrams) -> text.length() + 2 * bigrams.length)
            .build();

    public Screening(@ConfigProperty(name = "intake.screening.duplicate-window", defaultValue = "P30D") Duration duplicateWindow,
            @ConfigProperty(name = "intake.screening.similarity", defaultValue = "0.8") double similarityThreshold,
            @ConfigProperty(name = "intake.screening.out-of-scope-words") List<String> outOfScopeWords) {
        this.duplicateWindow = duplicateWindow;
        this.similarityThreshold = similarityThreshold;
        this.outOfScopeWords = outOfScopeWords;
    }

    public Optional<Flag> check(Grievance candidate, Instant now) {
        String text = candidate.title + "\n" + candidate.content;
        for (String word : outOfScopeWords) {
            if (!word.isBlank() && text.contains(word.strip())) {
                return Optional.of(new Flag("含有“" + word.strip() + "”，可能不属于受理范围（涉诉涉法等）", null));
            }
        }
        // the enterprise's latest open cases within the window; a bound keeps a busy enterprise's submission cheap
        // only the fields compared, not managed entities that every later flush of the submission would check
        List<RecentCase> recent = Grievance.getEntityManager().createQuery("""
                select new org.qinqing.intake.grievance.Screening$RecentCase(g.id, g.trackingNumber, g.title, g.content)
                from Grievance g where g.uscc = ?1 and g.submittedAt > ?2 and g.id <> ?3
                and g.status not in ('REJECTED', 'MERGED', 'WITHDRAWN') order by g.submittedAt desc""", RecentCase.class)
                .setParameter(1, candidate.uscc).setParameter(2, now.minus(duplicateWindow)).setParameter(3, candidate.id)
                .setMaxResults(RECENT_CASES_COMPARED - 1).getResultList();
        // the submission's bigrams once, not once per case compared; each text's bigrams as a sorted array of two chars
        // packed in an int, compared by merging: in the pipeline benchmark's JFR, screening through regex, substrings and
        // hash maps was most of intake's CPU under load (BENCHMARKS.md)
        int[] submitted = bigrams(text);
        for (RecentCase earlier : recent) {
            double similarity = similarity(submitted,
                    earlierBigrams.get(earlier.title() + "\n" + earlier.content(), Screening::bigrams));
            if (similarity >= similarityThreshold) {
                return Optional.of(new Flag(String.format("疑似重复：与 %s 相似度 %.2f", earlier.trackingNumber(), similarity),
                        earlier.id()));
            }
        }
        return Optional.empty();
    }

    /** Dice coefficient over character bigrams: works for Chinese text, which has no spaces between words. */
    static double similarity(String a, String b) {
        return similarity(bigrams(a), bigrams(b));
    }

    /** Both arrays sorted; equal bigrams count as often as both texts have them. */
    private static double similarity(int[] left, int[] right) {
        int total = left.length + right.length;
        if (total == 0) {
            return 0;
        }
        int shared = 0;
        for (int i = 0, j = 0; i < left.length && j < right.length;) {
            if (left[i] == right[j]) {
                shared++;
                i++;
                j++;
            } else if (left[i] < right[j]) {
                i++;
            } else {
                j++;
            }
        }
        return 2.0 * shared / total;
    }

    /** The text's bigrams, sorted, after dropping what {@link #ignored} says is no part of what it says, lower-cased. */
    private static int[] bigrams(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!ignored(c)) {
                kept.append(c);
            }
        }
        String normalized = kept.toString().toLowerCase(Locale.ROOT);
        if (normalized.length() < 2) {
            return new int[0];
        }
        int[] bigrams = new int[normalized.length() - 1];
        for (int i = 0; i < bigrams.length; i++) {
            bigrams[i] = normalized.charAt(i) << 16 | normalized.charAt(i + 1);
        }
        Arrays.sort(bigrams);
        return bigrams;
    }

    /** Whitespace and punctuation, ASCII (regex's \s and \p{Punct}) and Chinese: not part of what a text says. */
    static boolean ignored(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r'
                || (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~')
                || CHINESE_PUNCTUATION.indexOf(c) >= 0;
    }
}
