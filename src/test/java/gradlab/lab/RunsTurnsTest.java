package gradlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import gradlab.lab.RunEvent.Dropped.Why;

/** Begun runs take turns at the processors: every one starts at once; what each computes is unchanged. */
class RunsTurnsTest {
    /** A job that counts itself done when it has run or was dropped; the server's stop tells it nothing. */
    private abstract static class Job implements Runs.Job {
        final CountDownLatch done;

        Job(CountDownLatch done) {
            this.done = done;
        }

        @Override
        public void dropped(Why why) {
            done.countDown();
        }

        @Override
        public Runnable stopping() {
            return () -> { };
        }

        /** One step: about a millisecond of computing. */
        static void step() {
            long until = System.nanoTime() + 1_000_000;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        }
    }

    /** A job of {@code steps} steps of about a millisecond each, noting when it first and last computed. */
    private static final class Busy extends Job {
        final int steps;
        volatile long first = -1;
        volatile long last = -1;

        Busy(int steps, CountDownLatch done) {
            super(done);
            this.steps = steps;
        }

        @Override
        public void run(Runs.Run run) {
            first = System.nanoTime();
            for (int s = 0; s < steps; s++) {
                step();
                run.takeTurns();
            }
            last = System.nanoTime();
            done.countDown();
        }
    }

    /** A job that takes turns until it is let go, so that a test can count it while it surely runs. */
    private static final class Held extends Job {
        final CountDownLatch letGo = new CountDownLatch(1);

        Held(CountDownLatch done) {
            super(done);
        }

        @Override
        public void run(Runs.Run run) {
            while (letGo.getCount() > 0) {
                step();
                run.takeTurns();
            }
            done.countDown();
        }
    }

    @Test
    void everyBegunRunComputesBeforeAnyHasFinished() throws Exception {
        Runs runs = new Runs(1, 10, 10, Long.MAX_VALUE);
        CountDownLatch done = new CountDownLatch(8);
        List<Busy> jobs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Busy b = new Busy(60, done);
            jobs.add(b);
            runs.submit(b);
        }
        assertEquals(8, runs.running(), "all eight have begun");
        assertEquals(0, runs.queued());
        assertTrue(done.await(20, TimeUnit.SECONDS));
        long firstEnd = jobs.stream().mapToLong(b -> b.last).min().orElseThrow();
        long lastStart = jobs.stream().mapToLong(b -> b.first).max().orElseThrow();
        assertTrue(lastStart < firstEnd, "the last run began computing before the first one ended");
        runs.close();
    }

    @Test
    void withoutTurnsRunsComputeOneAfterAnother() throws Exception {
        Runs runs = new Runs(1, 10);
        CountDownLatch done = new CountDownLatch(3);
        List<Busy> jobs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Busy b = new Busy(20, done);
            jobs.add(b);
            runs.submit(b);
        }
        assertEquals(1, runs.running());
        assertEquals(2, runs.queued());
        assertTrue(done.await(20, TimeUnit.SECONDS));
        assertTrue(jobs.get(0).last <= jobs.get(1).first && jobs.get(1).last <= jobs.get(2).first, "first in, first out");
        runs.close();
    }

    @Test
    void runsBeyondTheMemoryBudgetWaitInLineButMaxRunningAlwaysBegin() throws Exception {
        Runs runs = new Runs(1, 10, 10, 1_000);
        CountDownLatch done = new CountDownLatch(3);
        Held first = new Held(done);
        Held second = new Held(done);
        runs.submit(first, 400);
        runs.submit(second, 500);
        assertEquals(2, runs.running(), "400 + 500 fit the budget: both begin, taking turns");
        Runs.Run third = runs.submit(new Busy(1, done), 200);
        assertEquals(1, runs.queued(), "400 + 500 + 200 do not: it waits in line");
        assertTrue(third.waiting());
        first.letGo.countDown();
        second.letGo.countDown();
        assertTrue(done.await(20, TimeUnit.SECONDS));
        assertFalse(third.waiting());
        Runs alone = new Runs(1, 10, 10, 1_000);
        CountDownLatch huge = new CountDownLatch(1);
        Held large = new Held(huge);
        alone.submit(large, 5_000);
        assertEquals(1, alone.running(), "as many as compute at once may always begin, however large");
        large.letGo.countDown();
        assertTrue(huge.await(20, TimeUnit.SECONDS));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (runs.running() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(0, runs.running(), "every begun run let go of its place");
        runs.close();
        alone.close();
    }

    @Test
    void aRunTakingTurnsComputesTheSameNumbers() throws Exception {
        LabSpec spec = LabSpec.parse("data=xor&hidden=6&loss=bce&steps=300", Limits.DEFAULT, Uploads.NONE);
        List<String> alone = Collections.synchronizedList(new ArrayList<>());
        TrainingRun.train(spec, Limits.DEFAULT, Uploads.NONE, e -> new RunLines.Ndjson().line(e).ifPresent(alone::add));
        Runs runs = new Runs(1, 10, 10, Long.MAX_VALUE);
        TrainingQueue queue = new TrainingQueue(runs, Limits.DEFAULT, Uploads.NONE, System::nanoTime);
        List<List<String>> turns = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(4);
        AtomicLong queuedLines = new AtomicLong();
        for (int i = 0; i < 4; i++) {
            List<String> lines = Collections.synchronizedList(new ArrayList<>());
            turns.add(lines);
            queue.submit(spec, e -> {
                if (e instanceof RunEvent.Queued) {
                    queuedLines.incrementAndGet();
                    return;
                }
                new RunLines.Ndjson().line(e).ifPresent(lines::add);
                if (e.last()) {
                    done.countDown();
                }
            });
        }
        assertTrue(done.await(30, TimeUnit.SECONDS));
        for (List<String> lines : turns) {
            assertEquals(alone, lines, "the same records and summary, byte for byte");
        }
        runs.close();
    }

    /** A job of a few 1 ms steps that tells its first step when done, noting how many steps every job had done then. */
    private static final class Shows extends Job {
        static final int STEPS = 30;
        final List<Shows> all;
        volatile int steps;
        volatile int othersMostStepsWhenShown = -1;

        Shows(List<Shows> all, CountDownLatch done) {
            super(done);
            this.all = all;
        }

        @Override
        public void run(Runs.Run run) {
            for (int s = 0; s < STEPS; s++) {
                run.takeTurns();
                step();
                steps = s + 1;
                if (s == 0) {
                    othersMostStepsWhenShown = all.stream().filter(j -> j != this).mapToInt(j -> j.steps).max().orElse(0);
                    run.firstTurnServed();
                }
            }
            done.countDown();
        }
    }

    @Test
    void aFirstTurnLastsOnlyUntilTheRunHasToldItsFirstStep() throws Exception {
        Runs runs = new Runs(1, 10, 10, Long.MAX_VALUE);
        // one run holds the processor until the six others wait for their first turn
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(7);
        runs.submit(new Job(done) {
            @Override
            public void run(Runs.Run run) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                done.countDown();
            }
        });
        List<Shows> jobs = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < 6; i++) {
            jobs.add(new Shows(jobs, done));
        }
        jobs.forEach(runs::submit);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (parkedRunThreads() < 6 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(6, parkedRunThreads(), "six runs wait for their first turn");
        release.countDown();
        assertTrue(done.await(20, TimeUnit.SECONDS));
        for (Shows j : jobs) {
            // with first turns of 5 ms, the first to go would have done 5 steps before the last began
            assertTrue(j.othersMostStepsWhenShown <= 1,
                    "every run told its first step before any other had done a second: " + j.othersMostStepsWhenShown);
        }
        runs.close();
    }

    /** Threads parked in a wait for a turn (this test's runs: the others' have ended). */
    private static long parkedRunThreads() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getState() == Thread.State.WAITING && java.util.Arrays.stream(e.getValue())
                        .anyMatch(f -> f.getClassName().equals(Turns.class.getName()) && f.getMethodName().equals("take")))
                .count();
    }
}
