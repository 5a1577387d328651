package gradlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.javalin.http.Handler;

/** Pages that compute are computed a few at a time; a page that fails gives its place back. */
class PageGateTest {
    @Test
    void atMostSoManyPagesAreComputedAtOnce() throws Exception {
        PageGate gate = new PageGate(3);
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Handler page = gate.around(ctx -> {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            Thread.sleep(5);
            now.decrementAndGet();
        });
        CountDownLatch done = new CountDownLatch(40);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Thread t = new Thread(() -> {
                try {
                    page.handle(null);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    done.countDown();
                }
            });
            threads.add(t);
            t.start();
        }
        assertTrue(done.await(30, TimeUnit.SECONDS));
        assertEquals(3, most.get(), "three at once, never more (and, with forty asking, three)");
        assertEquals(0, gate.computing());
    }

    @Test
    void aPageThatFailsGivesItsPlaceBack() throws Exception {
        PageGate gate = new PageGate(1);
        Handler failing = gate.around(ctx -> {
            throw new IllegalArgumentException("a bad value");
        });
        for (int i = 0; i < 5; i++) {
            assertThrows(IllegalArgumentException.class, () -> failing.handle(null));
        }
        assertEquals(0, gate.computing(), "every failed page left the gate");
        AtomicInteger served = new AtomicInteger();
        gate.around(ctx -> served.incrementAndGet()).handle(null);
        assertEquals(1, served.get(), "the next page is computed");
    }
}
