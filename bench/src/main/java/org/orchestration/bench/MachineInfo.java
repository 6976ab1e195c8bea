package org.orchestration.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The machine a run was made on, printed with every result; {@code loadAverage} is the 1-minute load when the run started. */
public record MachineInfo(int cores, String jvm, String os, long maxHeapMb, String when, double loadAverage) {

    public static MachineInfo current() {
        Runtime rt = Runtime.getRuntime();
        return new MachineInfo(rt.availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                rt.maxMemory() / (1024 * 1024),
                OffsetDateTime.now(ZoneOffset.UTC).withNano(0).toString(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** Resident set size of this process in MB, from /proc (Linux); -1 elsewhere. */
    public static long rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }

    /** Open file descriptors of this process (Linux); -1 elsewhere. */
    public static long openFds() {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        } catch (Exception e) {
            return -1;
        }
    }

    public static String pid() {
        return ManagementFactory.getRuntimeMXBean().getName();
    }
}
