package gradlab.lab;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The processors, handed out in turns: a run that has not yet computed has its first turn
 * before any run has its next, so that a student who has just pressed Train sees the curve
 * start within a turn or two, however many runs are already taking turns; within each line,
 * first come, first served. Runs that wait for a first turn are few and brief (each is begun
 * within the limit of begun runs and its first turn ends at its first step), so the others are
 * never held back for long. While pages are being answered, the runs leave them one processor
 * (where there are two or more): a page is a student waiting, a run's next 5 ms are not.
 */
final class Turns {
    private final int processors;
    private final BooleanSupplier pagesWaiting;
    private int inUse;
    private final Deque<Waiter> firsts = new ArrayDeque<>();
    private final Deque<Waiter> nexts = new ArrayDeque<>();

    /** One thread that waits for a processor. */
    private static final class Waiter {
        final Thread thread = Thread.currentThread();
        volatile boolean granted;
    }

    Turns(int processors) {
        this(processors, () -> false);
    }

    /** {@code pagesWaiting}: whether requests are being answered now (read often: make it cheap). */
    Turns(int processors, BooleanSupplier pagesWaiting) {
        this.processors = processors;
        this.pagesWaiting = pagesWaiting;
    }

    /** How many runs may compute now. */
    private int capacity() {
        return processors > 1 && pagesWaiting.getAsBoolean() ? processors - 1 : processors;
    }

    /** Waits for a processor: for the run's first turn, or for its next. Not interruptible. */
    void take(boolean first) {
        Waiter w;
        synchronized (this) {
            if (inUse < capacity() && firsts.isEmpty() && (first || nexts.isEmpty())) {
                inUse++;
                return;
            }
            w = new Waiter();
            (first ? firsts : nexts).addLast(w);
        }
        while (!w.granted) {
            LockSupport.park(this);
        }
    }

    /** Gives the processor back: to the first waiting for a first turn, else to the next in line. */
    void give() {
        List<Waiter> granted = new ArrayList<>(2);
        synchronized (this) {
            inUse--;
            // also fills a processor that the pages no longer need
            while (inUse < capacity()) {
                Waiter w = firsts.isEmpty() ? nexts.pollFirst() : firsts.pollFirst();
                if (w == null) {
                    break;
                }
                inUse++;
                granted.add(w);
            }
        }
        for (Waiter w : granted) {
            w.granted = true;
            LockSupport.unpark(w.thread);
        }
    }

    /** Whether a run holding a processor should give it up at the end of its turn: another waits, or pages need it. */
    synchronized boolean due() {
        return !firsts.isEmpty() || !nexts.isEmpty() || inUse > capacity();
    }
}
