package gradlab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * Work buffers belong to their owner's pool, and no thread can take budget with it: reuse goes
 * on however many threads come and go.
 */
class WorkspacesTest {
    /** About 30 000 doubles a workspace at N = 100: 300 of them are more than the 64 MiB budget. */
    private static final Model MODEL = Model.of(2, new int[] {64, 64}, 1, Activation.TANH, Loss.MSE);
    private static final int N = 100;

    @Test
    void reuseSurvivesThreadChurn() throws Exception {
        Workspaces buffers = new Workspaces();
        Parameters theta = Fixtures.theta(MODEL, 1);
        Batch batch = Fixtures.batch(MODEL, N, 2);
        double[] expected = new Batched().evaluate(MODEL, theta, batch, new Workspaces()).gradient().flat();
        assertTrue(300 * Workspace.fresh(MODEL, N).doubles() > Workspaces.MAX_KEPT_DOUBLES,
                "the churn must be more than the budget, or it proves nothing");
        List<Throwable> failures = new ArrayList<>();
        // 30 waves of 10 short-lived threads, each computing gradients with the shared pool
        for (int wave = 0; wave < 30; wave++) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 10; t++) {
                Thread thread = new Thread(() -> {
                    double[] got = new Batched().evaluate(MODEL, theta, batch, buffers).gradient().flat();
                    assertArrayEquals(expected, got);
                });
                thread.setUncaughtExceptionHandler((th, e) -> {
                    synchronized (failures) {
                        failures.add(e);
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }
        assertTrue(failures.isEmpty(), () -> "a thread failed: " + failures.get(0));
        // at most one idle workspace per thread that ran at once, all within the budget
        assertTrue(buffers.idle() >= 1 && buffers.idle() <= 10, "idle: " + buffers.idle());
        assertTrue(buffers.kept() <= Workspaces.MAX_KEPT_DOUBLES, "kept: " + buffers.kept());
        // a fresh thread's call gets a kept workspace instead of a new one
        int idleBefore = buffers.idle();
        AtomicReference<Workspace> borrowed = new AtomicReference<>();
        AtomicInteger idleWhileBorrowed = new AtomicInteger(-1);
        Thread fresh = new Thread(() -> {
            borrowed.set(buffers.borrow(MODEL, N));
            idleWhileBorrowed.set(buffers.idle());
            buffers.giveBack(borrowed.get());
        });
        fresh.start();
        fresh.join();
        assertEquals(idleBefore - 1, idleWhileBorrowed.get(), "the fresh thread's call took a kept workspace");
        assertEquals(idleBefore, buffers.idle());
        assertSame(borrowed.get(), buffers.borrow(MODEL, N));
    }

    @Test
    void aThreadThatDiesHoldingAWorkspaceTakesNoBudgetWithIt() throws Exception {
        Workspaces buffers = new Workspaces();
        for (int i = 0; i < 400; i++) {
            // borrowed and never given back, as by a thread that died mid-call
            Thread t = new Thread(() -> buffers.borrow(MODEL, N));
            t.start();
            t.join();
        }
        assertEquals(0, buffers.kept());
        Workspace w = buffers.borrow(MODEL, N);
        buffers.giveBack(w);
        assertEquals(w.doubles(), buffers.kept());
        assertSame(w, buffers.borrow(MODEL, N));
    }

    @Test
    void concurrentBorrowersGetWorkspacesOfTheirOwn() {
        Workspaces buffers = new Workspaces();
        Workspace a = buffers.borrow(MODEL, N);
        Workspace b = buffers.borrow(MODEL, N);
        assertNotSame(a, b);
        buffers.giveBack(a);
        buffers.giveBack(b);
        assertEquals(2, buffers.idle());
        assertEquals(a.doubles() + b.doubles(), buffers.kept());
    }

    @Test
    void pastTheBudgetTheLeastRecentlyGivenBackGoFirst() {
        Model other = Model.of(2, new int[] {64, 64}, 1, Activation.RELU, Loss.MSE);
        long one = Workspace.fresh(MODEL, N).doubles();
        // room for two workspaces of this size, not three
        Workspaces buffers = new Workspaces(2 * one + one / 2);
        Workspace oldest = buffers.borrow(MODEL, N);
        Workspace middle = buffers.borrow(MODEL, N + 1);
        Workspace newest = buffers.borrow(MODEL, N + 2);
        buffers.giveBack(oldest);
        buffers.giveBack(middle);
        buffers.giveBack(newest);
        assertTrue(buffers.kept() <= 2 * one + one / 2, "kept: " + buffers.kept());
        assertEquals(2, buffers.idle());
        assertNotSame(oldest, buffers.borrow(MODEL, N));
        assertSame(newest, buffers.borrow(MODEL, N + 2));
        assertSame(middle, buffers.borrow(MODEL, N + 1));
        // another φ is another shape: tanh keeps no hidden Z, relu does
        assertTrue(!buffers.borrow(other, N).fits(MODEL, N));
        // a workspace bigger than the whole budget is never kept
        Workspaces tiny = new Workspaces(one - 1);
        tiny.giveBack(tiny.borrow(MODEL, N));
        assertEquals(0, tiny.kept());
        assertEquals(0, tiny.idle());
    }

    @Test
    void theBytesKnownBeforehandAreTheBytesAWorkspaceHolds() {
        for (Activation act : Activation.values()) {
            for (int[] hidden : new int[][] {{}, {8}, {64, 64}, {3, 28, 5}}) {
                Model model = Model.of(2, hidden, 3, act, Loss.MSE);
                for (int n : new int[] {1, 100}) {
                    assertEquals(Double.BYTES * Workspace.fresh(model, n).doubles(), Workspaces.bytes(model, n),
                            act + " " + java.util.Arrays.toString(hidden) + " n " + n);
                }
            }
        }
    }
}
