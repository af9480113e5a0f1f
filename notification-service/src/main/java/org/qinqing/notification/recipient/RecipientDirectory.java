package org.qinqing.notification.recipient;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.qinqing.notification.webhook.WebhookSubscription;

/**
 * What notices read about a recipient (its record, channel preferences, webhook subscriptions), read once per
 * principal and transaction: a consumer applies a whole poll in one transaction, and its events tell the same
 * departments again and again, and an enterprise without a record of its own would be looked for once per channel.
 * A directory event that changes a recipient in the same transaction forgets what was read ({@link #forget()}).
 */
@ApplicationScoped
public class RecipientDirectory {

    /** A principal as the notices see it; {@code recipient} null when it has no record. */
    public record Entry(Recipient recipient, List<RecipientPreference> preferences, List<WebhookSubscription> webhooks) {
    }

    private static final Object KEY = RecipientDirectory.class;

    private final TransactionSynchronizationRegistry transactions;

    public RecipientDirectory(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    public Entry of(String principal) {
        Map<String, Entry> read = readInThisTransaction();
        if (read == null) {
            return load(principal);
        }
        return read.computeIfAbsent(principal, RecipientDirectory::load);
    }

    /** After a recipient, its preferences or subscriptions changed in this transaction. */
    public void forget() {
        Map<String, Entry> read = readInThisTransaction();
        if (read != null) {
            read.clear();
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Entry> readInThisTransaction() {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            return null;
        }
        Map<String, Entry> read = (Map<String, Entry>) transactions.getResource(KEY);
        if (read == null) {
            read = new HashMap<>();
            transactions.putResource(KEY, read);
        }
        return read;
    }

    private static Entry load(String principal) {
        Recipient r = Recipient.findById(principal);
        return new Entry(r, r == null ? List.of() : r.preferences(), WebhookSubscription.forPrincipal(principal));
    }
}
