package gradlab.lab;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.LockSupport;

/**
 * The processors, handed out in turns: a run that has not yet computed has its first turn
 * before any run has its next, so that a student who has just pressed Train sees the curve
 * start within a turn or two, however many runs are already taking turns; within each line,
 * first come, first served. Runs that wait for a first turn are few and brief (each is begun
 * within the limit of begun runs and its first turn is one turn long), so the others are never
 * held back for long.
 */
final class Turns {
    private int free;
    private final Deque<Waiter> firsts = new ArrayDeque<>();
    private final Deque<Waiter> nexts = new ArrayDeque<>();

    /** One thread that waits for a processor. */
    private static final class Waiter {
        final Thread thread = Thread.currentThread();
        volatile boolean granted;
    }

    Turns(int processors) {
        this.free = processors;
    }

    /** Waits for a processor: for the run's first turn, or for its next. Not interruptible. */
    void take(boolean first) {
        Waiter w;
        synchronized (this) {
            if (free > 0 && firsts.isEmpty() && (first || nexts.isEmpty())) {
                free--;
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
        Waiter w;
        synchronized (this) {
            w = firsts.isEmpty() ? nexts.pollFirst() : firsts.pollFirst();
            if (w == null) {
                free++;
                return;
            }
        }
        w.granted = true;
        LockSupport.unpark(w.thread);
    }

    /** Whether a run waits for a processor. */
    synchronized boolean waited() {
        return !firsts.isEmpty() || !nexts.isEmpty();
    }
}
