package io.jobsettings.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The most memory this JVM used while a probe ran: heap in use (sampled every 10 ms), heap still live after a
 * collection, and the process's peak resident set as Linux counts it, which is what a Lambda memory size must hold.
 */
final class PeakMemory implements AutoCloseable {

    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long heapUsed;
    private volatile long liveAfterGc;

    private PeakMemory() {
        sampler = new Thread(this::sample, "peak-memory");
        sampler.setDaemon(true);
    }

    static PeakMemory watch() {
        PeakMemory peak = new PeakMemory();
        peak.sampler.start();
        return peak;
    }

    /** Prints the peaks as probe figures under {@code prefix}. */
    void report(String prefix) throws IOException {
        sampleOnce();
        ProbeReport.print(prefix + ".heap.peak.mib", mebibytes(heapUsed));
        ProbeReport.print(prefix + ".heap.live.peak.mib", mebibytes(liveAfterGc));
        ProbeReport.print(prefix + ".heap.max.mib", mebibytes(Runtime.getRuntime().maxMemory()));
        ProbeReport.print(prefix + ".rss.peak.mib", residentPeakKib() / 1024);
        long collections = 0;
        long millis = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            collections += collector.getCollectionCount();
            millis += collector.getCollectionTime();
        }
        ProbeReport.print(prefix + ".gc.count", collections);
        ProbeReport.print(prefix + ".gc.ms", millis);
    }

    @Override
    public void close() {
        running = false;
    }

    private void sample() {
        while (running) {
            sampleOnce();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sampleOnce() {
        long used = 0;
        long live = 0;
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
        for (MemoryPoolMXBean pool : pools) {
            if (pool.getType() == MemoryType.HEAP) {
                used += pool.getUsage().getUsed();
                MemoryUsage afterGc = pool.getCollectionUsage();
                live += afterGc == null ? 0 : afterGc.getUsed();
            }
        }
        heapUsed = Math.max(heapUsed, used);
        liveAfterGc = Math.max(liveAfterGc, live);
    }

    /** VmHWM from /proc/self/status: the peak resident set size, in KiB. */
    private static long residentPeakKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static long mebibytes(long bytes) {
        return bytes / 1024 / 1024;
    }
}
