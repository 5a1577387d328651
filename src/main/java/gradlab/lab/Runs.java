package gradlab.lab;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import gradlab.lab.RunEvent.Dropped.Why;

/**
 * Training runs on a bounded pool: at most {@code maxRunning} at once, the rest waiting in a
 * first-in first-out queue of at most {@code maxQueued}. A run cancelled while it waits
 * never starts; a running one sees its cancellation between steps. Each job is either run or
 * dropped, exactly once.
 */
public final class Runs implements AutoCloseable {
    private final int maxRunning;
    private final int maxQueued;
    private final ExecutorService pool;
    private final Deque<Run> waiting = new ArrayDeque<>();
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
        pool.execute(() -> {
            try {
                if (run.cancelled) {
                    // cancelled between getting its slot and beginning
                    run.job.dropped(Why.CANCELLED);
                } else {
                    run.job.run(run);
                }
            } finally {
                finished();
            }
        });
    }

    private synchronized void finished() {
        running--;
        while (running < maxRunning && !waiting.isEmpty()) {
            start(waiting.pollFirst());
        }
    }

    /**
     * The server is stopping: no run starts any more, queued runs are dropped, running ones end
     * at their next step (as "stopped"). Waits up to {@code timeoutMillis} for them to finish.
     */
    public void stop(long timeoutMillis) throws InterruptedException {
        dropWaiting();
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (running() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** No run starts any more; each waiting one is told it was dropped (outside the lock: its job may write). */
    private void dropWaiting() {
        List<Run> dropped;
        synchronized (this) {
            stopping = true;
            dropped = new ArrayList<>(waiting);
            for (Run r : waiting) {
                r.cancelled = true;
            }
            waiting.clear();
        }
        dropped.forEach(r -> r.job.dropped(Why.SERVER_STOPPING));
    }

    /** Cancels everything and waits a moment for the running work to notice. */
    @Override
    public void close() {
        dropWaiting();
        pool.shutdown();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
    }
}
