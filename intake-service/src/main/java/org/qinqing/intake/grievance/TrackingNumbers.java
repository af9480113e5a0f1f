package org.qinqing.intake.grievance;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javax.sql.DataSource;

/**
 * Human tracking numbers such as QQ20261124000123: the day in Asia/Shanghai and six digits from a cycling
 * sequence. A sequence takes no lock, so concurrent submissions never wait for each other's commit; the price is
 * that a day's numbers have gaps and do not restart at 000001.
 */
@ApplicationScoped
public class TrackingNumbers {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final DataSource dataSource;

    public TrackingNumbers(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Plain JDBC rather than a Hibernate native query: the sequence touches no entity, and a native query made
     * Hibernate parse the statement and flush the session first, on every submission (BENCHMARKS.md).
     */
    public String next(Instant at) {
        LocalDate day = at.atZone(CHINA).toLocalDate();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement nextval = connection.prepareStatement("SELECT nextval('tracking_number_seq')");
                ResultSet rs = nextval.executeQuery()) {
            rs.next();
            return "QQ" + DAY.format(day) + String.format("%06d", rs.getInt(1));
        } catch (SQLException e) {
            throw new IllegalStateException("could not draw a tracking number", e);
        }
    }
}
