package gradlab.lab;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import gradlab.lab.RunEvent.Dropped.Why;

/**
 * Training runs on a bounded pool: at most {@code maxRunning} at once, the rest waiting in a
 * first-in first-out queue of at most {@code maxQueued}. A run cancelled while it waits
 * never starts; a running one sees its cancellation between steps. Each job is either run or
 * dropped, exactly once; a stopping server also tells each running job that it stops.
 */
public final class Runs implements AutoCloseable {
    private final int maxRunning;
    private final int maxQueued;
    private final ExecutorService pool;
    private final Deque<Run> waiting = new ArrayDeque<>();
    /** The runs in a slot, until their work returns. */
    private final Set<Run> active = new HashSet<>();
    private int running;
    private volatile boolean stopping;

    public Runs(int maxRunning, int maxQueued) {
        this.maxRunning = maxRunning;
        this.maxQueued = maxQueued;
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(maxRunning, r -> {
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
        private volatile boolean cancelled;

        private Run(Job job) {
            this.job = job;
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

        /** Whether it still waits for a slot. */
        public boolean waiting() {
            synchronized (Runs.this) {
                return waiting.contains(this);
            }
        }
    }

    /** Starts the work now, or queues it; throws {@link BusyException} when the queue is full or the server stops. */
    public synchronized Run submit(Job job) {
        if (stopping) {
            throw new BusyException();
        }
        Run run = new Run(job);
        if (running < maxRunning) {
            start(run);
        } else if (waiting.size() < maxQueued) {
            waiting.addLast(run);
        } else {
            throw new BusyException();
        }
        return run;
    }

    public synchronized int running() {
        return running;
    }

    public synchronized int queued() {
        return waiting.size();
    }

    private void start(Run run) {
        running++;
        active.add(run);
        pool.execute(() -> {
            try {
                if (run.cancelled) {
                    // cancelled between getting its slot and beginning
                    run.job.dropped(Why.CANCELLED);
                } else {
                    run.job.run(run);
                }
            } finally {
                finished(run);
            }
        });
    }

    private synchronized void finished(Run run) {
        running--;
        active.remove(run);
        while (running < maxRunning && !waiting.isEmpty()) {
            start(waiting.pollFirst());
        }
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
            for (Run r : active) {
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
