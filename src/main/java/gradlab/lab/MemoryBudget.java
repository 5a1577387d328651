package gradlab.lab;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The heap that computations done in requests may hold at once, handed out in leases: a
 * request says how many bytes its work will hold, waits a moment for them if others hold the
 * budget, and is refused rather than running the server out of memory. A lease larger than the
 * whole budget is cut to the budget, so that it runs alone rather than never.
 */
public final class MemoryBudget {
    /** How long a refused request should wait before asking again. */
    public static final int RETRY_AFTER_SECONDS = 5;
    /** The budget is counted in KiB: a semaphore's permits are ints. */
    private static final long UNIT = 1024;

    private final Semaphore kib;
    private final int capacity;
    private final long waitMillis;

    /** A budget of {@code bytes}; a request waits up to {@code wait} for its share. */
    public MemoryBudget(long bytes, Duration wait) {
        this.capacity = (int) Math.max(1, Math.min(Integer.MAX_VALUE, bytes / UNIT));
        this.kib = new Semaphore(capacity);
        this.waitMillis = wait.toMillis();
    }

    /** The budget is taken: the caller should try again in a few seconds. */
    public static final class FullException extends RuntimeException {
        FullException() {
            super("the server is computing other large comparisons and has no memory free for this one",
                    null, false, false);
        }
    }

    /** Bytes held until closed; closing twice gives them back once. */
    public final class Lease implements AutoCloseable {
        private final int units;
        private final AtomicBoolean open = new AtomicBoolean(true);

        private Lease(int units) {
            this.units = units;
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                kib.release(units);
            }
        }
    }

    /** Holds {@code bytes} of the budget, waiting a moment for them; throws {@link FullException} if they do not come. */
    public Lease admit(long bytes) {
        int units = (int) Math.max(1, Math.min(capacity, (bytes + UNIT - 1) / UNIT));
        try {
            if (!kib.tryAcquire(units, waitMillis, TimeUnit.MILLISECONDS)) {
                throw new FullException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FullException();
        }
        return new Lease(units);
    }

    /** The bytes held now (a multiple of 1 KiB). */
    public long held() {
        return (capacity - kib.availablePermits()) * UNIT;
    }

    /** The whole budget in bytes (a multiple of 1 KiB). */
    public long capacity() {
        return capacity * UNIT;
    }
}
