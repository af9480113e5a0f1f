package org.qinqing.platform.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident memory of a process on Linux, read from {@code /proc}, for the benchmark harnesses. */
public final class ProcessFigures {

    /** USER_HZ on Linux: the unit of the CPU times in {@code /proc/<pid>/stat}. */
    public static final long TICKS_PER_SECOND = 100;

    private ProcessFigures() {
    }

    /** User plus system CPU time the process has used so far, in ticks. */
    public static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
    }

    /** Percent of one core between two readings of {@link #cpuTicks}. */
    public static double cpuPercent(long ticksBefore, long ticksAfter, double seconds) {
        return 100.0 * (ticksAfter - ticksBefore) / TICKS_PER_SECOND / seconds;
    }

    /** Resident set size in MB. */
    public static double rssMb(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(0) / 1024.0;
    }
}
