package org.qinqing.notification.reporter;

import java.util.Optional;
import java.util.UUID;

/**
 * Where a tip-off reporter's contact comes from when a receipt or rating link must go out (PLATFORM.md §4
 * "Tip-off privacy"): never a topic, always an authenticated call that intake audits.
 */
public interface ReporterContacts {

    /**
     * Empty when the reporter left no contact (anonymous); throws {@link Unavailable} when intake cannot answer now.
     * {@code purpose} (RECEIPT or RATING_LINK) goes into intake's access audit.
     */
    Optional<ReporterContact> find(UUID grievanceId, String purpose);

    class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
