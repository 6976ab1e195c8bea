package org.orchestration.bench.support;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/**
 * CPU time this JVM used between two points. On a shared machine a scenario often gets a small,
 * varying share of the cores; CPU time per unit of work is the figure that does not depend on
 * the neighbours, so scenarios report it next to the wall-clock rate.
 */
public final class CpuMeter {

    private final OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final long cpuStart;
    private final long wallStart;

    private CpuMeter() {
        cpuStart = os.getProcessCpuTime();
        wallStart = System.nanoTime();
    }

    public static CpuMeter start() {
        return new CpuMeter();
    }

    /** CPU milliseconds this process used since {@link #start()}. */
    public double cpuMs() {
        return (os.getProcessCpuTime() - cpuStart) / 1e6;
    }

    /** Cores this process kept busy on average since {@link #start()} (CPU time / wall time). */
    public double coresUsed() {
        return (os.getProcessCpuTime() - cpuStart) / (double) Math.max(1, System.nanoTime() - wallStart);
    }

    /** The 1-minute load average of the machine (-1 where unknown). */
    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
