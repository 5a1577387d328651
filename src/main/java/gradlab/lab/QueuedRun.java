package gradlab.lab;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gradlab.lab.RunEvent.Dropped.Why;

/**
 * A run submitted to {@link TrainingQueue}, as its consumer holds it: the consumer asks it now
 * and then ({@link #tick()}) to say its place in line, and cancels it when the client goes
 * away. Its events go to one listener; a place in line is never told after the run has begun.
 */
public final class QueuedRun {
    private static final Logger LOG = LoggerFactory.getLogger(QueuedRun.class);

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
        listener.accept(new RunEvent.Queued(slot.ahead()));
        return true;
    }

    /** The client went away: a waiting run leaves the line (dropped), a running one stops at its next step. */
    public void cancel() {
        slot.cancel();
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
                        synchronized (QueuedRun.this) {
                            listener.accept(e);
                        }
                    } else {
                        listener.accept(e);
                    }
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
            listener.accept(new RunEvent.Dropped(why));
        }
    }
}
