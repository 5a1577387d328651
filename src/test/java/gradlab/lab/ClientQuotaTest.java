package gradlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Training runs counted per client, without a server: a client gets as many places as it may
 * and is refused beyond them, another client is not, and every way a run ends — completed,
 * cancelled while it waits or while it runs, refused by a full line, dropped by a stopping
 * server — gives its place back exactly once.
 */
class ClientQuotaTest {
    /** Long enough that it is still running whenever the test lets it go on. */
    private static final String LONG = "data=spiral&n=400&hidden=8&steps=5000";
    private static final String SHORT = "data=line&steps=2";

    private final Runs runs = new Runs(1, 20);
    private final ClientQuota quota = new ClientQuota(3);
    private final TrainingQueue queue = new TrainingQueue(runs, Limits.DEFAULT, Uploads.NONE, System::nanoTime, quota);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void close() {
        release.countDown();
        runs.close();
    }

    @Test
    void aClientIsRefusedBeyondItsRunsAndAnotherClientIsNot() throws Exception {
        Ends first = new Ends();
        QueuedRun running = queue.submit("a", spec(LONG), holdAtFirstRecord(first));
        QueuedRun waiting1 = queue.submit("a", spec(SHORT), new Ends());
        QueuedRun waiting2 = queue.submit("a", spec(SHORT), new Ends());
        assertEquals(3, quota.held("a"));

        ClientQuota.FullException refused = assertThrows(ClientQuota.FullException.class,
                () -> queue.submit("a", spec(SHORT), new Ends()));
        assertEquals(3, refused.runs());
        assertTrue(refused.getMessage().startsWith("You already have 3 training runs waiting or running: stop one, "
                + "or wait for one to end"), refused.getMessage());
        assertEquals(3, quota.held("a"), "a refused run takes no place");
        assertEquals(2, runs.queued(), "nor a place in line");

        Ends other = new Ends();
        queue.submit("b", spec(SHORT), other);
        assertEquals(1, quota.held("b"), "another client's run is taken");

        // a waiting run of a's leaves: a may submit one more, and no more than that
        waiting1.cancel();
        assertEquals(2, quota.held("a"), "a run cancelled while it waits gives its place back at once");
        QueuedRun again = queue.submit("a", spec(SHORT), new Ends());
        assertThrows(ClientQuota.FullException.class, () -> queue.submit("a", spec(SHORT), new Ends()));

        release.countDown();
        running.cancel();
        waiting2.cancel();
        again.cancel();
        other.await();
        first.await();
        awaitNoPlaces();
    }

    @Test
    void aPlaceIsGivenBackBeforeTheClientHearsItsRunEnded() throws Exception {
        List<Integer> heldAtTheEnd = new ArrayList<>();
        Ends ends = new Ends();
        queue.submit("a", spec(SHORT), e -> {
            if (e.last()) {
                heldAtTheEnd.add(quota.held("a"));
            }
            ends.accept(e);
        });
        ends.await();
        assertEquals(List.of(0), heldAtTheEnd, "a client told its run ended may start another at once");
    }

    @Test
    void aRunRefusedByAFullLineOrAStoppingServerTakesNoPlace() throws Exception {
        Runs full = new Runs(1, 0);
        TrainingQueue line = new TrainingQueue(full, Limits.DEFAULT, Uploads.NONE, System::nanoTime, quota);
        try {
            Ends first = new Ends();
            QueuedRun running = line.submit("a", spec(LONG), holdAtFirstRecord(first));
            assertThrows(Runs.BusyException.class, () -> line.submit("a", spec(SHORT), new Ends()));
            assertThrows(Runs.BusyException.class, () -> line.submit("b", spec(SHORT), new Ends()));
            assertEquals(1, quota.held(), "only the running run holds a place: " + quota.held());
            release.countDown();
            running.cancel();
            first.await();
        } finally {
            full.close();
        }
        assertThrows(Runs.BusyException.class, () -> line.submit("a", spec(SHORT), new Ends()), "the server stopped");
        awaitNoPlaces();
    }

    @Test
    void waitingRunsDroppedByAStoppingServerGiveTheirPlacesBack() throws Exception {
        Ends first = new Ends();
        queue.submit("a", spec(LONG), holdAtFirstRecord(first));
        Ends second = new Ends();
        queue.submit("a", spec(SHORT), second);
        queue.submit("b", spec(SHORT), second);
        assertEquals(3, quota.held());
        release.countDown();
        runs.stop(10_000);
        first.await();
        assertEquals(2, second.lasts(), "both waiting runs were dropped");
        awaitNoPlaces();
    }

    @Test
    void twoHundredShortRunsEndedEveryWayLeaveNoPlaceHeld() throws Exception {
        Random random = new Random(13);
        List<Ends> all = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String client = "client-" + (i % 5);
            Ends ends = new Ends();
            QueuedRun run;
            try {
                run = queue.submit(client, spec(i % 7 == 0 ? LONG : SHORT + "&seed=" + i), ends);
            } catch (ClientQuota.FullException tooMany) {
                // this client has three runs in line: it waits for one, as a student would
                waitForAPlace(client);
                run = queue.submit(client, spec(SHORT + "&seed=" + i), ends);
            }
            all.add(ends);
            // a third of the runs are cancelled: some while they wait, some while they run, some after they ended
            if (random.nextInt(3) == 0) {
                run.cancel();
            }
            if (i % 7 == 0) {
                // a long run is cancelled a moment later, while it runs or waits
                QueuedRun later = run;
                Thread.sleep(2);
                later.cancel();
            }
        }
        for (Ends e : all) {
            e.await();
            assertEquals(1, e.lasts(), "exactly one last event per run");
        }
        awaitNoPlaces();
    }

    // ------------------------------------------------------------------ helpers

    private static LabSpec spec(String query) {
        return LabSpec.parse(query, Limits.DEFAULT, Uploads.NONE);
    }

    private void waitForAPlace(String client) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (quota.held(client) >= 3 && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
    }

    private void awaitNoPlaces() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (quota.held() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(0, quota.held(), "every place was given back");
        assertEquals(0, quota.clients(), "and no client is remembered without a run");
    }

    /** Records into {@code ends}, and keeps the run's thread at its first record until the test lets it go. */
    private Consumer<RunEvent> holdAtFirstRecord(Ends ends) {
        return e -> {
            ends.accept(e);
            if (e instanceof RunEvent.Recorded r && r.record().step() == 0) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    /** Counts a run's last events, from any thread. */
    private static final class Ends implements Consumer<RunEvent> {
        private int lasts;

        @Override
        public synchronized void accept(RunEvent e) {
            if (e.last()) {
                lasts++;
                notifyAll();
            }
        }

        synchronized int lasts() {
            return lasts;
        }

        synchronized void await() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (lasts == 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no last event within 20 s");
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }
}
