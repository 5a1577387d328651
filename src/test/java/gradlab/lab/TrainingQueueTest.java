package gradlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import gradlab.engine.Trainer;

/**
 * The producer of a run's events, without a server: what a consumer is told and in which
 * order — places in line, records, then exactly one last event — for a run that waits, one
 * cancelled while it waits, one stopped by a stopping server, one out of budget, one that fails.
 */
class TrainingQueueTest {
    private static final long SECOND = 1_000_000_000L;
    /** Long enough that it is still running whenever the test lets it go on. */
    private static final String LONG = "data=spiral&n=400&hidden=8&steps=5000";

    private final AtomicLong clock = new AtomicLong();
    private final Runs runs = new Runs(1, 10);
    private final TrainingQueue queue = new TrainingQueue(runs, Limits.DEFAULT, Uploads.NONE, clock::get);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void close() {
        release.countDown();
        runs.close();
    }

    @Test
    void aWaitingRunTellsItsPlaceOnlyWhenTickedAndDueThenItsRecordsThenItsSummary() throws Exception {
        Events a = new Events();
        QueuedRun first = queue.submit(spec(LONG), holdAtFirstRecord(a));
        a.await(e -> e instanceof RunEvent.Recorded, "A's first record");
        assertFalse(first.tick(), "a running run has no place in line to tell");

        Events b = new Events();
        QueuedRun second = queue.submit(spec("data=xor&hidden=4&loss=bce&steps=20"), b);
        assertTrue(second.tick(), "first tick: its place at once");
        assertFalse(second.tick(), "the same moment: not again");
        clock.addAndGet(SECOND - 1);
        assertFalse(second.tick(), "not before a second has passed");
        clock.addAndGet(1);
        assertTrue(second.tick(), "a second later");
        assertEquals(List.of(new RunEvent.Queued(0), new RunEvent.Queued(0)), b.list(), "first in line, twice");

        Events c = new Events();
        QueuedRun third = queue.submit(spec("data=line&steps=5"), c);
        assertTrue(third.tick());
        assertEquals(List.of(new RunEvent.Queued(1)), c.list(), "one run ahead of the third");

        // A's client leaves: A stops, then B and C run in turn
        first.cancel();
        release.countDown();
        a.await(RunEvent::last, "A's end once cancelled");
        b.await(RunEvent::last, "B's end");
        c.await(RunEvent::last, "C's end");

        List<RunEvent> events = b.list();
        assertEquals(2, events.stream().filter(e -> e instanceof RunEvent.Queued).count());
        List<Integer> steps = new ArrayList<>();
        for (RunEvent e : events.subList(2, events.size() - 1)) {
            steps.add(assertInstanceOf(RunEvent.Recorded.class, e, "records come after the places").record().step());
        }
        List<Integer> everyStep = new ArrayList<>();
        for (int k = 0; k <= 20; k++) {
            everyStep.add(k);
        }
        assertEquals(everyStep, steps, "each of the 21 recorded steps, in order");
        RunEvent.Finished end = assertInstanceOf(RunEvent.Finished.class, events.get(events.size() - 1));
        assertEquals(Trainer.End.COMPLETED, end.summary().end());
        assertEquals(20, end.summary().steps());
        assertFalse(second.tick(), "a finished run has no place in line");
        assertEquals(1, b.list().stream().filter(RunEvent::last).count(), "exactly one last event");

        RunEvent.Finished stopped = assertInstanceOf(RunEvent.Finished.class, a.last());
        assertEquals(Trainer.End.STOPPED, stopped.summary().end(), "A was cancelled while it ran");
        assertTrue(stopped.summary().steps() < 5000);
    }

    @Test
    void aRunCancelledWhileItWaitsIsDroppedAtOnceAndNeverRuns() throws Exception {
        Events a = new Events();
        QueuedRun first = queue.submit(spec(LONG), holdAtFirstRecord(a));
        a.await(e -> e instanceof RunEvent.Recorded, "A's first record");
        Events b = new Events();
        QueuedRun second = queue.submit(spec("data=line&steps=5"), b);
        assertEquals(1, runs.queued());

        second.cancel();
        assertEquals(List.of(new RunEvent.Dropped(RunEvent.Dropped.Why.CANCELLED)), b.list(),
                "told at once, on the cancelling thread");
        assertEquals(0, runs.queued(), "its place is free");
        assertFalse(second.tick(), "a dropped run has no place to tell");
        second.cancel();
        assertEquals(1, b.list().size(), "cancelling twice drops it once");

        release.countDown();
        first.cancel();
        a.await(RunEvent::last, "A's end");
        awaitIdle();
        assertEquals(1, b.list().size(), "it never ran: " + b.list());
    }

    @Test
    void aStoppingServerStopsTheRunningRunWithItsSummaryAndDropsTheWaitingOne() throws Exception {
        Events a = new Events();
        queue.submit(spec(LONG), holdAtFirstRecord(a));
        a.await(e -> e instanceof RunEvent.Recorded, "A's first record");
        Events b = new Events();
        queue.submit(spec("data=line&steps=5"), b);

        Thread stopper = new Thread(() -> {
            try {
                runs.stop(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stopper.start();
        b.await(RunEvent::last, "B dropped");
        RunEvent.Dropped dropped = assertInstanceOf(RunEvent.Dropped.class, b.last());
        assertEquals(RunEvent.Dropped.Why.SERVER_STOPPING, dropped.why());
        assertEquals(new Trainer.Summary(0, Trainer.End.STOPPED, java.util.Map.of()), dropped.summary(),
                "a run that never ran comes to: stopped after 0 steps");
        assertEquals(1, b.list().size(), "B never ran");

        release.countDown();
        stopper.join(10_000);
        assertFalse(stopper.isAlive(), "the running run ended as the server stopped");
        RunEvent.Stopped end = assertInstanceOf(RunEvent.Stopped.class, a.last());
        assertEquals(Trainer.End.STOPPED, end.summary().end());
        assertTrue(end.summary().steps() < 5000, "it ended early: " + end.summary().steps());
        assertEquals(Procedures.copies(spec(LONG)), List.copyOf(end.summary().copies().keySet()),
                "a stopped run's summary has every copy");
        assertThrows(Runs.BusyException.class, () -> queue.submit(spec("data=line"), new Events()),
                "a stopping server takes no more runs");
    }

    @Test
    void aStoppingServerEndsARunBusyInALongStepAtOnceAsAtItsLastRecordAndTellsNothingAfter() throws Exception {
        Events a = new Events();
        queue.submit(spec(LONG), holdAtFirstRecord(a));
        a.await(e -> e instanceof RunEvent.Recorded, "A's first record");
        RunEvent.Recorded first = (RunEvent.Recorded) a.list().get(0);

        // its thread is held at step 0, as in a step of seconds: the stop does not wait for it
        long before = System.nanoTime();
        runs.stop(10_000);
        long millis = (System.nanoTime() - before) / 1_000_000;
        assertTrue(millis < 1_000, "the stop returned at once, not after the run's step: " + millis + " ms");

        RunEvent.Stopped end = assertInstanceOf(RunEvent.Stopped.class, a.last());
        assertEquals(Trainer.End.STOPPED, end.summary().end());
        assertEquals(0, end.summary().steps(), "as at its last record, step 0");
        assertEquals(first.seconds(), end.seconds());
        first.record().copies().forEach((copy, state) -> assertEquals(
                new Trainer.CopySummary(state.cost(), -1), end.summary().copies().get(copy),
                copy + ": its final cost is the one recorded at step 0"));
        assertEquals(List.copyOf(first.record().copies().keySet()), List.copyOf(end.summary().copies().keySet()));

        release.countDown();
        awaitIdle();
        assertEquals(2, a.list().size(), "nothing after its last event, though its thread went on: " + a.list());
    }

    @Test
    void aRunOutOfBudgetEndsWithBudgetInItsSummary() throws Exception {
        TrainingQueue poor = new TrainingQueue(runs, Limits.DEFAULT.withTrainWorkBudget(1), Uploads.NONE, clock::get);
        Events a = new Events();
        poor.submit(spec("data=line&steps=200"), a);
        a.await(RunEvent::last, "the end");
        RunEvent.Finished end = assertInstanceOf(RunEvent.Finished.class, a.last());
        assertEquals(Trainer.End.BUDGET, end.summary().end());
        assertEquals(1, end.summary().steps(), "step 0 spent the budget of 1");
        assertEquals(List.of(0), a.list().stream().filter(e -> e instanceof RunEvent.Recorded)
                .map(e -> ((RunEvent.Recorded) e).record().step()).toList(), "only step 0 was recorded");
    }

    @Test
    void aRunThatFailsEndsWithItsFailure() throws Exception {
        IllegalStateException bug = new IllegalStateException("a bug in a consumer");
        Events a = new Events();
        queue.submit(spec("data=line&steps=20"), e -> {
            a.accept(e);
            if (e instanceof RunEvent.Recorded r && r.record().step() == 3) {
                throw bug;
            }
        });
        a.await(RunEvent::last, "the end");
        RunEvent.Failed failed = assertInstanceOf(RunEvent.Failed.class, a.last());
        assertSame(bug, failed.error());
        assertEquals(5, a.list().size(), "four records, then the failure: " + a.list());
        awaitIdle();
        assertEquals(0, runs.running(), "its slot is free again");
    }

    @Test
    void theSecondsOfEachEventAreOnTheClockFromTheRunsBeginning() throws Exception {
        Events a = new Events();
        queue.submit(spec("data=line&steps=3"), e -> {
            a.accept(e);
            clock.addAndGet(SECOND / 4);
        });
        a.await(RunEvent::last, "the end");
        List<Double> seconds = new ArrayList<>();
        for (RunEvent e : a.list()) {
            seconds.add(e instanceof RunEvent.Recorded r ? r.seconds() : ((RunEvent.Finished) e).seconds());
        }
        assertEquals(List.of(0.0, 0.25, 0.5, 0.75, 1.0), seconds);
    }

    // ------------------------------------------------------------------ helpers

    private static LabSpec spec(String query) {
        return LabSpec.parse(query, Limits.DEFAULT, Uploads.NONE);
    }

    /** Records into {@code events}, and keeps the run's thread at its first record until the test lets it go. */
    private Consumer<RunEvent> holdAtFirstRecord(Events events) {
        return e -> {
            events.accept(e);
            if (e instanceof RunEvent.Recorded r && r.record().step() == 0) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    private void awaitIdle() throws InterruptedException {
        long deadline = System.nanoTime() + 10 * SECOND;
        while ((runs.running() > 0 || runs.queued() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(0, runs.running());
        assertEquals(0, runs.queued());
    }

    /** A consumer that keeps what it is told, from any thread. */
    private static final class Events implements Consumer<RunEvent> {
        private final List<RunEvent> events = new ArrayList<>();

        @Override
        public synchronized void accept(RunEvent e) {
            events.add(e);
            notifyAll();
        }

        synchronized List<RunEvent> list() {
            return List.copyOf(events);
        }

        synchronized RunEvent last() {
            return events.get(events.size() - 1);
        }

        synchronized void await(Predicate<RunEvent> p, String what) throws InterruptedException {
            long deadline = System.nanoTime() + 30 * SECOND;
            while (events.stream().noneMatch(p)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + what + " within 30 s: " + events);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }
}
