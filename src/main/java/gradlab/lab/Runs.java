package gradlab.lab;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import gradlab.lab.RunEvent.Dropped.Why;

/**
 * Training runs: at most {@code maxRunning} compute at once. Up to {@code maxActive} runs
 * (within a memory budget) have begun and take turns of {@link #TURN_MILLIS} at the
 * processors, a run's first turn before anyone's next ({@link Turns}), so that every student's
 * curve starts moving at once instead of after everyone ahead has finished; the rest wait in a
 * first-in first-out queue of at most {@code maxQueued}. Turns change when a run is computed, never what it computes. A run
 * cancelled while it waits never starts; a begun one sees its cancellation between steps.
 * Each job is either run or dropped, exactly once.
 */
public final class Runs implements AutoCloseable {
    /** A run that has computed this long gives its processor to the next in turn, if one waits. */
    public static final long TURN_MILLIS = 5;

    private final int maxRunning;
    private final int maxQueued;
    private final int maxActive;
    private final long activeBytes;
    private final ExecutorService pool;
    /** The processors' turns: first turns first, then in the order they were asked for. */
    private final Turns processors;
    private final Deque<Run> waiting = new ArrayDeque<>();
    private int active;
    private long activeWeight;
    /** The begun runs, until their work returns: a stopping server tells each that it stops. */
    private final Set<Run> begun = new HashSet<>();
    private volatile boolean stopping;

    /** Runs that compute one after another: as many begun as compute at once. */
    public Runs(int maxRunning, int maxQueued) {
        this(maxRunning, maxQueued, maxRunning, Long.MAX_VALUE);
    }

    /**
     * @param maxRunning  runs that compute at once
     * @param maxQueued   runs that wait for a place, at most
     * @param maxActive   runs begun at once, taking turns (at least maxRunning)
     * @param activeBytes the memory the begun runs may hold together; {@code maxRunning} runs
     *                    may always begin, however large
     */
    public Runs(int maxRunning, int maxQueued, int maxActive, long activeBytes) {
        this(maxRunning, maxQueued, maxActive, activeBytes, () -> false);
    }

    /**
     * The same, leaving one processor (of two or more) to the pages while {@code pagesWaiting}
     * says that requests are being answered.
     */
    public Runs(int maxRunning, int maxQueued, int maxActive, long activeBytes, BooleanSupplier pagesWaiting) {
        this.maxRunning = maxRunning;
        this.maxQueued = maxQueued;
        this.maxActive = Math.max(maxActive, maxRunning);
        this.activeBytes = activeBytes;
        this.processors = new Turns(maxRunning, pagesWaiting);
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "gradlab-run-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The queue is full: the caller should try again later. */
    public static final class BusyException extends RuntimeException {
        public BusyException() {
            super("the server is busy: every training slot is taken and the queue is full", null, false, false);
        }
    }

    /** What a slot runs: the work, or, if it never gets that far, word that it was dropped. */
    public interface Job {
        /** Does the work, on the pool; {@code run} says when to stop. */
        void run(Run run);

        /** The work will never run: it was cancelled before it began, or the server stopped first. */
        void dropped(Why why);

        /**
         * The server is stopping and will not wait for the work, which may be in a step of
         * seconds: claim its end now (quickly: under this pool's lock) and return what tells it,
         * to be run on another thread. The work itself stops at its next look at
         * {@link Run#cancelled()}; what it says after this is nobody's concern.
         */
        Runnable stopping();
    }

    /** One run: queued, then running, then done; cancellable at any point. */
    public final class Run {
        private final Job job;
        /** The memory it is expected to hold while it runs. */
        private final long bytes;
        private volatile boolean cancelled;
        /** Whether it has had its first turn at a processor. */
        private volatile boolean turned;
        /** When its current turn at a processor began (its own thread's). */
        private long turnStart;
        /** How long its current turn lasts: its first only until it has told its first event. */
        private long turnNanos;
        /** Whether its first turn has told its first event (its own thread's). */
        private boolean servedOnce;

        private Run(Job job, long bytes) {
            this.job = job;
            this.bytes = bytes;
        }

        /**
         * Between two steps: after a turn of {@link #TURN_MILLIS}, gives the processor to the
         * next run in turn, if one waits, and waits for its own next turn. Only the run's own
         * thread calls this.
         */
        public void takeTurns() {
            if (System.nanoTime() - turnStart < turnNanos) {
                return;
            }
            // the turns' lock is asked once a turn, not at every step of a run that computes alone
            if (processors.due()) {
                processors.give();
                processors.take(false);
            }
            turnStart = System.nanoTime();
            turnNanos = TURN_MILLIS * 1_000_000;
        }

        /**
         * The run has told what its first turn was for (its first step): that turn ends at the
         * next {@link #takeTurns()}. A class's runs begin together, and each student's curve then
         * starts without waiting for everyone else's first 5 ms. Only the run's own thread calls this.
         */
        public void firstTurnServed() {
            if (!servedOnce) {
                servedOnce = true;
                turnNanos = 0;
            }
        }

        /** Asks the run to stop; a queued run is dropped at once. */
        public void cancel() {
            cancelled = true;
            boolean left;
            synchronized (Runs.this) {
                left = waiting.remove(this);
            }
            if (left) {
                job.dropped(Why.CANCELLED);
            }
        }

        /** Whether the run should end: it was cancelled, or the server is stopping. */
        public boolean cancelled() {
            return cancelled || stopping;
        }

        /** How many runs wait ahead of this one (0 once it runs, or if it is first in line). */
        public int ahead() {
            synchronized (Runs.this) {
                int i = 0;
                for (Run r : waiting) {
                    if (r == this) {
                        return i;
                    }
                    i++;
                }
                return 0;
            }
        }

        /** Whether it still waits: for its place, or, where runs take turns, for its first turn. */
        public boolean waiting() {
            if (maxActive > maxRunning && !turned) {
                return true;
            }
            synchronized (Runs.this) {
                return waiting.contains(this);
            }
        }
    }

    /** {@link #submit(Job, long)} for a run of negligible memory. */
    public Run submit(Job job) {
        return submit(job, 0);
    }

    /**
     * Begins the work now, or queues it (behind any that wait); throws {@link BusyException}
     * when the queue is full or the server stops. {@code bytes}: the memory it will hold.
     */
    public Run submit(Job job, long bytes) {
        Run run = new Run(job, bytes);
        synchronized (this) {
            if (stopping) {
                throw new BusyException();
            }
            if (waiting.isEmpty() && mayBegin(run)) {
                begin(run);
            } else if (waiting.size() < maxQueued) {
                waiting.addLast(run);
                return run;
            } else {
                throw new BusyException();
            }
        }
        launch(run);
        return run;
    }

    /** Begun runs, computing or waiting for their turn. */
    public synchronized int running() {
        return active;
    }

    public synchronized int queued() {
        return waiting.size();
    }

    private boolean mayBegin(Run run) {
        return active < maxRunning || (active < maxActive && activeWeight + run.bytes <= activeBytes);
    }

    /** The run has a place among the begun ones (under this pool's lock). */
    private void begin(Run run) {
        active++;
        activeWeight += run.bytes;
        begun.add(run);
    }

    /**
     * The begun run's thread starts (outside this pool's lock: starting a thread takes a while
     * on a busy machine, and submitting, ticking and finishing runs all wait for the lock).
     */
    private void launch(Run run) {
        try {
            pool.execute(() -> {
                processors.take(true);
                run.turnStart = System.nanoTime();
                run.turnNanos = TURN_MILLIS * 1_000_000;
                run.turned = true;
                try {
                    if (run.cancelled()) {
                        // cancelled (or the server stopped) between getting its place and its first turn
                        run.job.dropped(Why.CANCELLED);
                    } else {
                        run.job.run(run);
                    }
                } finally {
                    processors.give();
                    finished(run);
                }
            });
        } catch (RejectedExecutionException closed) {
            // the pool was closed (the server stopped) just after the run was given its place
            run.job.dropped(Why.SERVER_STOPPING);
            finished(run);
        }
    }

    private void finished(Run run) {
        List<Run> next = new ArrayList<>();
        synchronized (this) {
            active--;
            activeWeight -= run.bytes;
            begun.remove(run);
            while (!stopping && !waiting.isEmpty() && mayBegin(waiting.peekFirst())) {
                Run r = waiting.pollFirst();
                begin(r);
                next.add(r);
            }
        }
        next.forEach(this::launch);
    }

    /**
     * The server is stopping: no run starts any more, queued runs are dropped, and running ones
     * are told to end now (their work stops at its next step, unwaited for). Waits up to
     * {@code timeoutMillis} for every running job to have told its end.
     */
    public void stop(long timeoutMillis) throws InterruptedException {
        List<Runnable> ends = new ArrayList<>();
        List<Run> dropped;
        synchronized (this) {
            dropped = stopStarting();
            // claimed before anything is told, so that no run ends on its own first
            for (Run r : begun) {
                ends.add(r.job.stopping());
            }
        }
        dropped.forEach(r -> r.job.dropped(Why.SERVER_STOPPING));
        // each on a thread of its own: an end is written to its client, one slow client must not
        // hold up the others, and the tellers must not be outnumbered by the busy threads of the
        // runs they stop when they compete for few cores
        List<Thread> tellers = new ArrayList<>();
        for (Runnable end : ends) {
            Thread t = new Thread(end, "gradlab-stop-" + (tellers.size() + 1));
            t.setDaemon(true);
            t.start();
            tellers.add(t);
        }
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        for (Thread t : tellers) {
            t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
    }

    /** No run starts any more; each waiting one is told it was dropped (outside the lock: its job may write). */
    private void dropWaiting() {
        List<Run> dropped;
        synchronized (this) {
            dropped = stopStarting();
        }
        dropped.forEach(r -> r.job.dropped(Why.SERVER_STOPPING));
    }

    /** No run starts any more: the waiting ones leave the line, to be told. */
    private List<Run> stopStarting() {
        stopping = true;
        List<Run> dropped = new ArrayList<>(waiting);
        for (Run r : waiting) {
            r.cancelled = true;
        }
        waiting.clear();
        return dropped;
    }

    /**
     * Cancels everything. The running work stops at its next step without being waited for:
     * a step may take seconds, and the pool's threads never keep the JVM from exiting.
     */
    @Override
    public void close() {
        dropWaiting();
        pool.shutdown();
    }
}
