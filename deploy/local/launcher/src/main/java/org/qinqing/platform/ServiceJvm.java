package org.qinqing.platform;

import java.util.ArrayList;
import java.util.List;

/**
 * The heap and collector every service's JVM runs with, locally, in the tests and in the benchmarks, so that what a
 * benchmark measures is what {@code up} runs.
 *
 * <p>G1 rather than SerialGC, for two measured reasons (BENCHMARKS.md): SerialGC keeps the start-up's promoted
 * garbage committed for good (no collection comes at rest, and it shrinks only at full collections), so a service
 * rested at ~270–300 MB RSS with a ~30 MB live set; G1's periodic collection at rest gives the unused heap back
 * (JEP 346). And under the notification load SerialGC's full collections stopped the service for 190–345 ms every
 * 20–35 s, over the 200 ms p99 target by themselves; G1 had none.
 */
public final class ServiceJvm {

    private static final List<String> HEAP_AND_COLLECTOR = List.of("-Xms32m", "-Xmx256m", "-XX:+UseG1GC",
            // at rest: a concurrent cycle every 10 s when no collection came, after which the heap shrinks to its
            // live set plus at most 15 % free (notification at rest 250 MB RSS with 30 %, 238 MB with 15 %)
            "-XX:G1PeriodicGCInterval=10000", "-XX:MinHeapFreeRatio=5", "-XX:MaxHeapFreeRatio=15",
            // gives back to the OS what the JIT compilers' arenas freed after start-up (intake at rest 284 -> 264 MB)
            "-XX:TrimNativeHeapInterval=5000");

    private ServiceJvm() {
    }

    /**
     * The services' options, then those in {@code QINQING_SERVICE_JVM_OPTIONS} (to try a flag on the whole platform,
     * in {@code up} and the benchmarks alike), then {@code extra}; a collector chosen in either replaces G1.
     */
    public static List<String> options(List<String> extra) {
        List<String> chosen = new ArrayList<>(fromEnvironment());
        chosen.addAll(extra);
        boolean otherCollector = chosen.stream().anyMatch(option -> option.matches("-XX:\\+Use\\w+GC"));
        List<String> options = new ArrayList<>();
        for (String option : HEAP_AND_COLLECTOR) {
            if (!(otherCollector && option.equals("-XX:+UseG1GC"))) {
                options.add(option);
            }
        }
        options.addAll(chosen);
        options.addAll(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED"));
        return options;
    }

    private static List<String> fromEnvironment() {
        String options = System.getenv("QINQING_SERVICE_JVM_OPTIONS");
        return options == null || options.isBlank() ? List.of() : List.of(options.strip().split("\\s+"));
    }

    public static List<String> options() {
        return options(List.of());
    }

    /** The command line up to what it runs: the platform's {@code java}, then {@link #options(List)}. */
    public static List<String> command(List<String> extra) {
        List<String> command = new ArrayList<>(List.of(PlatformPaths.java().toString()));
        command.addAll(options(extra));
        return command;
    }
}
