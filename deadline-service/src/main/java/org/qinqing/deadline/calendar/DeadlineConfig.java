package org.qinqing.deadline.calendar;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

/** deadline-service's settings. */
@ConfigMapping(prefix = "deadline")
public interface DeadlineConfig {

    /** How often the due-clock scanner looks ({@code off} disables it, as the tests do). */
    @WithDefault("200ms")
    String scanInterval();

    /** Office hours in Asia/Shanghai, as {@code 09:00-12:00,13:30-17:30}: hour limits count only these. */
    @WithDefault("09:00-12:00,13:30-17:30")
    List<String> officeHours();

    record Interval(LocalTime start, LocalTime end) {
        public Duration length() {
            return Duration.between(start, end);
        }
    }

    default List<Interval> intervals() {
        return officeHours().stream().map(String::strip).map(text -> {
            String[] bounds = text.split("-");
            return new Interval(LocalTime.parse(bounds[0].strip()), LocalTime.parse(bounds[1].strip()));
        }).toList();
    }
}
