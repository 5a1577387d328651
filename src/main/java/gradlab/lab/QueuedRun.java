package gradlab.lab;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gradlab.lab.RunEvent.Dropped.Why;

/**
 * A run submitted to {@link TrainingQueue}, as its consumer holds it: the consumer asks it now
 * and then ({@link #tick()}) to say its place in line, and cancels it when the client goes
 * away. Its events go to one listener; a place in line is never told after the run has begun,
 * and nothing after its last event. A stopping server does not wait for the run's next step:
 * the run ends at once as {@link RunEvent.Stopped} at its last recorded step, and whatever its
 * thread still says is dropped.
 */
public final class QueuedRun {
    private static final Logger LOG = LoggerFactory.getLogger(QueuedRun.class);
    /** How long a stopping server waits for a run's own last event, already on its way, to be told. */
    private static final long TELLING_MILLIS = 1_000;

    private final LabSpec spec;
    private final Limits limits;
    private final Uploads uploads;
    private final LongSupplier clock;
    private final Consumer<? super RunEvent> listener;
    private final RunThrottle throttle;
    /** Its slot: set once by {@link #submit}, before its consumer has this run. */
    private volatile Runs.Run slot;
    /** The run has begun, so no place in line may follow. */
    private volatile boolean begun;
    /** Guards {@link #ended} and {@link #stoppedHere}: which last event is the run's, and what it says. */
    private final Object ending = new Object();
    /** The last event is taken (it may still be being told): nothing more is passed on. */
    private boolean ended;
    /** The run's end if the server stops it now: as at its latest record passed on. */
    private RunEvent.Stopped stoppedHere = RunEvent.Stopped.BEFORE_ANY_RECORD;
    /** Its last event has been told (or telling it failed). */
    private final CountDownLatch told = new CountDownLatch(1);

    private QueuedRun(LabSpec spec, Limits limits, Uploads uploads, LongSupplier clock,
                      Consumer<? super RunEvent> listener) {
        this.spec = spec;
        this.limits = limits;
        this.uploads = uploads;
        this.clock = clock;
        this.listener = listener;
        this.throttle = new RunThrottle(clock);
    }

    static QueuedRun submit(Runs runs, LabSpec spec, Limits limits, Uploads uploads, LongSupplier clock,
                            Consumer<? super RunEvent> listener) {
        QueuedRun run = new QueuedRun(spec, limits, uploads, clock, listener);
        run.slot = runs.submit(run.new Job(), bytes(spec, uploads));
        return run;
    }

    /** The memory a run of the spec will hold, from its data's columns (no data drawn for it). */
    private static long bytes(LabSpec spec, Uploads uploads) {
        if (spec.data() instanceof DataSource.BuiltIn b) {
            return TrainingRun.bytes(spec, b.generator().inputs(), b.generator().targets(spec.loss() == gradlab.engine.Loss.CE));
        }
        try {
            gradlab.data.DataSet data = uploads.find(spec.data().id());
            return TrainingRun.bytes(spec, data.inputs(), data.targets());
        } catch (ValidationException e) {
            // an upload gone since the spec was read: the run will fail at once, holding nothing
            return 0;
        }
    }

    /**
     * While the run waits, tells its place in line, at most once a second (the first time at
     * once); returns whether it did. The consumer calls this on its own beat.
     */
    public synchronized boolean tick() {
        // told under the lock that the run's first event waits for: a place in line never follows a record
        if (begun || !slot.waiting() || !throttle.queuedDue()) {
            return false;
        }
        return tell(new RunEvent.Queued(slot.ahead()));
    }

    /** The client went away: a waiting run leaves the line (dropped), a running one stops at its next step. */
    public void cancel() {
        slot.cancel();
    }

    /** Tells the listener the event unless the run has ended; returns whether it did. */
    private boolean tell(RunEvent e) {
        if (!take(e)) {
            return false;
        }
        try {
            listener.accept(e);
        } finally {
            if (e.last()) {
                told.countDown();
            }
        }
        return true;
    }

    /** Whether the event may be told; a last one ends the run, a record is where a stop would end it. */
    private boolean take(RunEvent e) {
        synchronized (ending) {
            if (ended) {
                return false;
            }
            if (e.last()) {
                ended = true;
            } else if (e instanceof RunEvent.Recorded r) {
                // on the run's thread, the only one that may read the run
                stoppedHere = r.stoppedHere();
            }
            return true;
        }
    }

    /**
     * The server stops: the run ends now as stopped, unless its own end is already being told;
     * returns what tells that end (or waits for its own).
     */
    private Runnable stopNow() {
        RunEvent.Stopped end;
        synchronized (ending) {
            end = ended ? null : stoppedHere;
            ended = true;
        }
        if (end == null) {
            return this::awaitTold;
        }
        return () -> {
            try {
                listener.accept(end);
            } catch (RuntimeException e) {
                // the server is stopping: one consumer that cannot be told must not keep the others from it
                LOG.error("telling a stopped run's end failed: {}", spec.toQuery(), e);
            } finally {
                told.countDown();
            }
        };
    }

    /** Lets a last event already on its way (the run ended just now) reach its consumer before the server closes it. */
    private void awaitTold() {
        try {
            told.await(TELLING_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The run in its slot: its events, or a failure as the last of them; or word that it never ran. */
    private final class Job implements Runs.Job {
        @Override
        public void run(Runs.Run slot) {
            // the run computes at once; only its first event waits for a place in line being told
            begun = true;
            Consumer<RunEvent> afterAnyPlaceInLine = new Consumer<>() {
                private boolean first = true;

                @Override
                public void accept(RunEvent e) {
                    if (first) {
                        first = false;
                        // a place in line being told now goes first; the event itself is told
                        // outside the lock, so that a slow client never holds up a tick
                        synchronized (QueuedRun.this) {
                            assert begun;
                        }
                    }
                    tell(e);
                    // its first record is out: the student sees the curve start, others may begin
                    slot.firstTurnServed();
                }
            };
            try {
                TrainingRun.train(spec, limits, uploads, clock, () -> {
                    slot.takeTurns();
                    return slot.cancelled();
                }, afterAnyPlaceInLine);
            } catch (RuntimeException e) {
                LOG.error("training run failed: {}", spec.toQuery(), e);
                afterAnyPlaceInLine.accept(new RunEvent.Failed(e));
            }
        }

        @Override
        public void dropped(Why why) {
            tell(new RunEvent.Dropped(why));
        }

        @Override
        public Runnable stopping() {
            return stopNow();
        }
    }
}
