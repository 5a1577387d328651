package gradlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import gradlab.lab.ClientQuota;
import gradlab.lab.Comparison;
import gradlab.lab.LabData;
import gradlab.lab.LabJson;
import gradlab.lab.LabSpec;
import gradlab.lab.Limits;
import gradlab.lab.MemoryBudget;
import gradlab.lab.RunEvent;
import gradlab.lab.Runs;
import gradlab.lab.Uploads;

/**
 * DESIGN: a comparison whose replay to step k is more than 10⁸ examples × scalars waits in the
 * training line and counts as one of the client's runs; a shorter one is answered at once.
 */
class StepReplayQueueTest {
    /** 2100 steps of all 1000 examples of a θ of 49 scalars: 1.03·10⁸. */
    private static final String LONG = "data=sine&n=1000&hidden=16&at=2100";
    /** 2000 such steps of another lab (another seed): 0.98·10⁸. */
    private static final String SHORT = "data=sine&n=1000&hidden=16&seed=2&at=2000";

    private final Runs runs = new Runs(1, 10);
    private final ClientQuota quota = new ClientQuota(1);
    private final Lab lab = new Lab(Limits.DEFAULT, Uploads.NONE, runs, quota,
            new MemoryBudget(1L << 30, Duration.ofSeconds(5)));
    private final ExecutorService requests = Executors.newSingleThreadExecutor();

    @AfterEach
    void close() {
        requests.shutdownNow();
        runs.close();
    }

    private String json(String client, String query) throws InterruptedException {
        return lab.compare(client, query, LabJson::compare);
    }

    @Test
    void theWorkBoundaryIsDesignsTenToTheEighth() {
        assertEquals(100_000_000L, Lab.QUEUED_REPLAY_WORK);
        LabSpec longer = LabSpec.parse(LONG, Limits.DEFAULT, Uploads.NONE);
        LabSpec shorter = LabSpec.parse(SHORT, Limits.DEFAULT, Uploads.NONE);
        int scalars = Comparison.model(longer, LabData.load(longer, Uploads.NONE)).scalars();
        assertEquals(49, scalars, "θ of hidden=16 on one input and one target");
        assertTrue(2100L * longer.batch() * scalars > Lab.QUEUED_REPLAY_WORK);
        assertTrue(2000L * shorter.batch() * scalars <= Lab.QUEUED_REPLAY_WORK);
    }

    @Test
    void aLongReplayCountsAsOneOfTheClientsRunsAndAShortOneDoesNot() throws Exception {
        ClientQuota.Place held = quota.take("c:a");
        // the client has its one run: the long replay is refused as a run would be…
        assertThrows(ClientQuota.FullException.class, () -> json("c:a", LONG));
        // …the short one is answered, and another client's long one too
        String shortAnswer = json("c:a", SHORT);
        assertTrue(shortAnswer.contains("\"at\":2000"), shortAnswer.substring(0, 200));
        String longAnswer = json("c:b", LONG);
        assertEquals(0, quota.held("c:b"), "its place is given back when it is answered");
        // the next step starts from the θ kept at step 2100: one step, answered at once
        String next = json("c:a", LONG.replace("at=2100", "at=2101"));
        assertTrue(next.contains("\"at\":2101"));
        held.giveBack();
        // the numbers are the command line's: the slot changes when they are computed, not what they are
        assertEquals(LabJson.compare(Comparison.compute(LabSpec.parse(LONG, Limits.DEFAULT, Uploads.NONE),
                Limits.DEFAULT, Uploads.NONE)), longAnswer);
    }

    @Test
    void aLongReplayWaitsInTheTrainingLineBehindARun() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch begun = new CountDownLatch(1);
        runs.submit(new Runs.Job() {
            @Override
            public void run(Runs.Run run) {
                begun.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void dropped(RunEvent.Dropped.Why why) {
            }

            @Override
            public Runnable stopping() {
                return release::countDown;
            }
        });
        assertTrue(begun.await(10, TimeUnit.SECONDS));
        Future<String> waiting = requests.submit(() -> json("c:a", LONG));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (runs.queued() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(1, runs.queued(), "the replay waits in the line");
        assertEquals(1, quota.held("c:a"), "as one of the client's runs");
        Thread.sleep(200);
        assertFalse(waiting.isDone(), "and is not answered while the slot is taken");
        release.countDown();
        String answer = waiting.get(60, TimeUnit.SECONDS);
        assertTrue(answer.contains("\"at\":2100"));
        assertEquals(0, quota.held("c:a"));
    }
}
