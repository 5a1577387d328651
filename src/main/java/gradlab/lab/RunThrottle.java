package gradlab.lab;

import java.util.function.LongSupplier;

/**
 * How often a run's stream may say what it has gathered: the page's rows (with the progress
 * line) at most every 100 ms, its charts at most every 500 ms counted from the end of the last
 * drawing (drawing takes time of its own), and a waiting run's place in line at most once a
 * second. Rows and places in line are due at once; the first charts only 500 ms after they are
 * first asked for, so that a short run (most of a class's) draws its charts once, at its end,
 * where drawing is most of its cost. Reads a clock in nanoseconds, so a test can drive it; one
 * thread uses one throttle.
 */
public final class RunThrottle {
    static final long ROWS_MILLIS = 100;
    static final long CHARTS_MILLIS = 500;
    static final long QUEUED_MILLIS = 1_000;

    private final LongSupplier clock;
    private final Every rows = new Every(ROWS_MILLIS);
    private final Every charts = new Every(CHARTS_MILLIS);
    private final Every queued = new Every(QUEUED_MILLIS);

    public RunThrottle(LongSupplier clock) {
        this.clock = clock;
    }

    /** Whether the gathered rows and the progress line are due now; if so, they count as sent now. */
    public boolean rowsDue() {
        return rows.takeAt(clock.getAsLong());
    }

    /** Whether the charts are due now; call {@link #chartsDrawn()} once they are drawn. */
    public boolean chartsDue() {
        long now = clock.getAsLong();
        if (!charts.taken) {
            // the run has just begun: its first charts are due a while from now
            charts.takenAt(now);
        }
        return charts.dueAt(now);
    }

    /** The charts were drawn: the next are due a while from now. */
    public void chartsDrawn() {
        charts.takenAt(clock.getAsLong());
    }

    /** Whether a place in line is due now; if so, it counts as told now. */
    public boolean queuedDue() {
        return queued.takeAt(clock.getAsLong());
    }

    /** One kind of message: due at once, then again {@code millis} after it was last taken. */
    private static final class Every {
        private final long nanos;
        private boolean taken;
        private long last;

        Every(long millis) {
            this.nanos = millis * 1_000_000;
        }

        boolean dueAt(long now) {
            return !taken || now - last >= nanos;
        }

        void takenAt(long now) {
            taken = true;
            last = now;
        }

        boolean takeAt(long now) {
            if (!dueAt(now)) {
                return false;
            }
            takenAt(now);
            return true;
        }
    }
}
