package com.visualdm.worldengine.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * The most heap in use at any moment while a benchmark runs, sampled every 50 ms. (Summing each memory pool's own
 * peak would add up peaks that happened at different times.)
 */
final class HeapPeak {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread sampler;
    private volatile long peak;
    private volatile boolean running = true;

    private HeapPeak() {
        sampler = new Thread(this::sample, "heap-peak");
        sampler.setDaemon(true);
    }

    static HeapPeak start() {
        HeapPeak heapPeak = new HeapPeak();
        heapPeak.sampler.start();
        return heapPeak;
    }

    private void sample() {
        while (running) {
            peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void stop() {
        running = false;
        sampler.interrupt();
        peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
    }

    long peakBytes() {
        return peak;
    }
}
