package org.qinqing.notification.recipient;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.qinqing.notification.channel.ChannelKind;

/**
 * What notices read about a recipient (its record, channel preferences, webhook subscriptions), kept between
 * transactions: the consumers' polls tell the same enterprises and departments again and again, and reading them
 * per poll was a tenth of the service's CPU at 1,000 events/s (BENCHMARKS.md).
 *
 * <p>Never stale across a change: every write to {@code recipient}, {@code recipient_preference} or
 * {@code webhook_subscription}, by whatever replica, admin call or directory event, bumps
 * {@code recipient_directory.version} (a trigger, V4). A transaction reads that version once, before its first
 * lookup; a newer one than the kept entries' empties them, an older one (the transaction began before another had
 * already moved on) reads past them. So a transaction sees every change committed before it looked, as when it
 * read the tables itself. A transaction that changes a recipient ({@link #forget()}) reads the tables from then on.
 */
@ApplicationScoped
public class RecipientDirectory {

    /** A principal as the notices see it; {@code recipient} null when it has no record. */
    public record Entry(Contact recipient, List<Preference> preferences, List<Webhook> webhooks) {
    }

    /** The recipient's record: language, addresses, quiet hours (null: the defaults). */
    public record Contact(String language, boolean active, String email, String phone, String wechatOpenId,
            LocalTime quietStart, LocalTime quietEnd) {
    }

    /** The channels wanted for one notice kind ({@code *}: every kind without a row of its own). */
    public record Preference(String kind, List<ChannelKind> channels) {
    }

    /** An active webhook subscription ({@code kinds} comma-separated, or {@code *}). */
    public record Webhook(UUID id, String url, String kinds) {

        public boolean wants(String kind) {
            return kinds.equals("*") || Arrays.asList(kinds.split(",")).contains(kind);
        }
    }

    /** What a transaction knows: the version it read, and its own entries once it no longer uses the kept ones. */
    private static final class InTransaction {
        long version;
        Map<String, Entry> own;
    }

    private static final Object KEY = RecipientDirectory.class;
    /** About 10 MB at most; past it the kept entries start over. */
    private static final int MAX_KEPT = 50_000;

    private final TransactionSynchronizationRegistry transactions;
    private final DataSource dataSource;
    private final Map<String, Entry> kept = new ConcurrentHashMap<>();
    /** The directory version {@link #kept} was read at; guarded by {@code this}. */
    private long keptVersion = -1;

    public RecipientDirectory(TransactionSynchronizationRegistry transactions, DataSource dataSource) {
        this.transactions = transactions;
        this.dataSource = dataSource;
    }

    public Entry of(String principal) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            return load(principal);
        }
        InTransaction tx = inThisTransaction();
        if (tx.own != null) {
            return tx.own.computeIfAbsent(principal, this::load);
        }
        Entry entry = kept.get(principal);
        if (entry != null) {
            return entry;
        }
        entry = load(principal);
        synchronized (this) {
            // an entry read before a newer transaction emptied the kept ones may predate the change it saw
            if (keptVersion == tx.version) {
                if (kept.size() >= MAX_KEPT) {
                    kept.clear();
                }
                kept.put(principal, entry);
            }
        }
        return entry;
    }

    /** Before a recipient, its preferences or subscriptions change in this transaction. */
    public void forget() {
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            inThisTransaction().own = new HashMap<>();
        }
    }

    private InTransaction inThisTransaction() {
        InTransaction tx = (InTransaction) transactions.getResource(KEY);
        if (tx != null) {
            return tx;
        }
        tx = new InTransaction();
        tx.version = version();
        synchronized (this) {
            if (tx.version > keptVersion) {
                kept.clear();
                keptVersion = tx.version;
            } else if (tx.version < keptVersion) {
                tx.own = new HashMap<>();
            }
        }
        transactions.putResource(KEY, tx);
        return tx;
    }

    private long version() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT version FROM recipient_directory");
                ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new PersistenceException("could not read the recipient directory's version", e);
        }
    }

    private Entry load(String principal) {
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            // the tables are read over JDBC: what this transaction changed through Hibernate must be there first
            Panache.getEntityManager().flush();
        }
        try (Connection connection = dataSource.getConnection()) {
            Contact contact = null;
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT language, active, email, phone, wechat_open_id, quiet_start, quiet_end
                    FROM recipient WHERE principal = ?""")) {
                select.setString(1, principal);
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        contact = new Contact(rs.getString(1), rs.getBoolean(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getObject(6, LocalTime.class), rs.getObject(7, LocalTime.class));
                    }
                }
            }
            List<Preference> preferences = new ArrayList<>();
            if (contact != null) {
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT kind, channels FROM recipient_preference WHERE principal = ?")) {
                    select.setString(1, principal);
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            preferences.add(new Preference(rs.getString(1), RecipientPreference.channelList(rs.getString(2))));
                        }
                    }
                }
            }
            List<Webhook> webhooks = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, url, kinds FROM webhook_subscription WHERE principal = ? AND active")) {
                select.setString(1, principal);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        webhooks.add(new Webhook(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)));
                    }
                }
            }
            return new Entry(contact, List.copyOf(preferences), List.copyOf(webhooks));
        } catch (SQLException e) {
            throw new PersistenceException("could not read the recipient " + principal, e);
        }
    }
}
