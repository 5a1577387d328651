package gradlab.lab;

import java.util.Map;

import gradlab.engine.Trainer;

/**
 * What a training run tells its one consumer, in this order: its place in line while it waits
 * ({@link Queued}, when asked), each recorded step ({@link Recorded}), then exactly one last
 * event: {@link Finished} with the summary, {@link Stopped} if a stopping server ended it,
 * {@link Dropped} if it never ran, or {@link Failed}. SSE, NDJSON and CSV are each a {@link Handler} of these.
 */
public sealed interface RunEvent {

    /**
     * One method per kind of event: a consumer implements them all, so a new kind cannot be
     * forgotten by one of them (Java 17 has no exhaustive switch over a sealed type).
     */
    interface Handler<R> {
        R queued(Queued e);

        R recorded(Recorded e);

        R finished(Finished e);

        R stopped(Stopped e);

        R dropped(Dropped e);

        R failed(Failed e);
    }

    <R> R handle(Handler<R> handler);

    /** Whether this is the run's last event. */
    boolean last();

    /** The run waits for a slot, behind {@code ahead} others. */
    record Queued(int ahead) implements RunEvent {
        @Override
        public <R> R handle(Handler<R> handler) {
            return handler.queued(this);
        }

        @Override
        public boolean last() {
            return false;
        }
    }

    /**
     * A recorded step, {@code seconds} after the run began. {@code run} is the run as it is at
     * this step, for pictures: read it inside the handler, on the run's thread.
     */
    record Recorded(Trainer.Record record, double seconds, RunSoFar run) implements RunEvent {
        /** What the run's end is if the server stops it here; on the run's thread, like {@code run}. */
        public Stopped stoppedHere() {
            return new Stopped(run.stoppedAt(record), seconds);
        }

        @Override
        public <R> R handle(Handler<R> handler) {
            return handler.recorded(this);
        }

        @Override
        public boolean last() {
            return false;
        }
    }

    /** The run ended: completed, stopped or out of budget, as the summary says. */
    record Finished(Trainer.Summary summary, double seconds, RunSoFar run) implements RunEvent {
        /** Whether it was stopped (by its client, or by a stopping server) before its end. */
        public boolean stopped() {
            return summary.end() == Trainer.End.STOPPED;
        }

        @Override
        public <R> R handle(Handler<R> handler) {
            return handler.finished(this);
        }

        @Override
        public boolean last() {
            return true;
        }
    }

    /**
     * A stopping server ended the run without waiting for its next step (a step can take
     * seconds): its summary, "stopped", and its seconds are those of its last recorded step
     * (0 steps and no copies before the first). It carries nothing of the run to draw, since
     * the run's thread may still be busy with it.
     */
    record Stopped(Trainer.Summary summary, double seconds) implements RunEvent {
        /** A run that had recorded nothing yet: stopped after 0 steps, no copies. */
        public static final Stopped BEFORE_ANY_RECORD = new Stopped(new Trainer.Summary(0, Trainer.End.STOPPED, Map.of()), 0);

        @Override
        public <R> R handle(Handler<R> handler) {
            return handler.stopped(this);
        }

        @Override
        public boolean last() {
            return true;
        }
    }

    /** The run never ran: it left the line before it had a slot. */
    record Dropped(Why why) implements RunEvent {
        /** Why it left the line. */
        public enum Why {
            /** Its consumer cancelled it (the client went away). */
            CANCELLED,
            /** The server is stopping and starts no more runs. */
            SERVER_STOPPING
        }

        /** What a run that never ran comes to: stopped after 0 steps, no copies. */
        public Trainer.Summary summary() {
            return new Trainer.Summary(0, Trainer.End.STOPPED, Map.of());
        }

        @Override
        public <R> R handle(Handler<R> handler) {
            return handler.dropped(this);
        }

        @Override
        public boolean last() {
            return true;
        }
    }

    /** The run failed on the server (a bug, or data that went away): it says no more. */
    record Failed(RuntimeException error) implements RunEvent {
        @Override
        public <R> R handle(Handler<R> handler) {
            return handler.failed(this);
        }

        @Override
        public boolean last() {
            return true;
        }
    }
}
