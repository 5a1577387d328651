package gradlab.tools;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/** The JIT compiler, which compiles in the background what a warm-up made hot. */
public final class Jit {
    private static final long QUIET_MILLIS = 200;

    private Jit() {
    }

    /**
     * Waits, {@code maxMillis} at most, until the JIT compiler has worked off its backlog (it
     * compiled for less than a tenth of the last {@value #QUIET_MILLIS} ms): otherwise it would
     * take processors from what comes next.
     */
    public static void settle(long maxMillis) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return;
        }
        long end = System.nanoTime() + maxMillis * 1_000_000;
        long before = jit.getTotalCompilationTime();
        while (System.nanoTime() < end) {
            try {
                Thread.sleep(QUIET_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long now = jit.getTotalCompilationTime();
            if (now - before < QUIET_MILLIS / 10) {
                return;
            }
            before = now;
        }
    }
}
