package org.orchestration.bench.scenarios;

import java.nio.file.Path;
import java.time.Duration;
import org.orchestration.bench.MachineInfo;
import org.orchestration.bench.support.EngineRig;
import org.orchestration.bench.support.TaskGraph;
import org.orchestration.core.llm.SimulatedProvider;

/**
 * Runs in a child JVM for the memory scenario, so the figures are the engine's and not the
 * harness's: prints {@code RSS idle=<MB> after=<MB> fds=<n>}.
 */
public final class MemoryProbe {

    private MemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int tasks = Integer.parseInt(args[1]);
        try (EngineRig rig = new EngineRig(dir, 8, null, 2000)) {
            settle();
            long idle = MachineInfo.rssMb();
            String end = rig.run(TaskGraph.randomDag(SimulatedProvider.ID, SimulatedProvider.MODEL, tasks, 50, 11), Duration.ofMinutes(10));
            if (!end.equals("COMPLETED")) {
                throw new IllegalStateException("project ended " + end);
            }
            settle();
            System.out.println("RSS idle=" + idle + " after=" + MachineInfo.rssMb() + " fds=" + MachineInfo.openFds());
        }
    }

    private static void settle() throws InterruptedException {
        System.gc();
        Thread.sleep(500); // let the collector return what it will before reading /proc
    }
}
