package gradlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import gradlab.data.DataSet;
import gradlab.engine.Model;
import gradlab.engine.Workspaces;

/**
 * The memory that comparisons hold at once: leases within the budget are given, one beyond it
 * waits a moment and is refused, a lease comes back once however often it is closed, and the
 * estimate counts the buffers that grow with the batch.
 */
class MemoryBudgetTest {
    private static final long MIB = 1L << 20;

    @Test
    void leasesWithinTheBudgetAreGivenAndOneBeyondItIsRefusedAfterItsWait() {
        MemoryBudget budget = new MemoryBudget(10 * MIB, Duration.ofMillis(50));
        MemoryBudget.Lease a = budget.admit(6 * MIB);
        MemoryBudget.Lease b = budget.admit(4 * MIB);
        assertEquals(10 * MIB, budget.held());
        long start = System.nanoTime();
        assertThrows(MemoryBudget.FullException.class, () -> budget.admit(1));
        assertTrue(System.nanoTime() - start >= 40_000_000L, "it waited for memory before it was refused");

        a.close();
        a.close();
        assertEquals(4 * MIB, budget.held(), "a lease closed twice gives its memory back once");
        budget.admit(6 * MIB).close();
        b.close();
        assertEquals(0, budget.held());
    }

    @Test
    void aLeaseLargerThanTheBudgetRunsAloneRatherThanNever() {
        MemoryBudget budget = new MemoryBudget(10 * MIB, Duration.ofMillis(10));
        try (MemoryBudget.Lease huge = budget.admit(1L << 40)) {
            assertEquals(budget.capacity(), budget.held(), "cut to the whole budget");
            assertThrows(MemoryBudget.FullException.class, () -> budget.admit(1));
        }
        assertEquals(0, budget.held());
    }

    @Test
    void aWaitingLeaseIsGivenWhenMemoryComesBackInTime() throws Exception {
        MemoryBudget budget = new MemoryBudget(10 * MIB, Duration.ofSeconds(10));
        MemoryBudget.Lease all = budget.admit(10 * MIB);
        Thread giver = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            all.close();
        });
        giver.start();
        try (MemoryBudget.Lease next = budget.admit(MIB)) {
            assertEquals(MIB, budget.held());
        }
        giver.join();
    }

    @Test
    void theEstimateCountsTheBatchedBuffersAndTheLandscapesOwn() {
        LabSpec large = LabSpec.parse("data=spiral&n=10000&hidden=64,64&act=relu", Limits.DEFAULT, Uploads.NONE);
        LabSpec small = LabSpec.parse("data=spiral&n=10000&batch=100&hidden=64,64&act=relu", Limits.DEFAULT, Uploads.NONE);
        Model model = model(large);
        long pass = Workspaces.bytes(model, 10_000);
        // N × (Z of every layer, A of the hidden ones, two Δ buffers) doubles: 31 MB here
        assertEquals(8L * 10_000 * (64 + 64 + 1 + 64 + 64 + 2 * 64) + 8L * (2 * 64 + 64 * 64 + 64), pass);
        long comparison = ComparisonMemory.bytes(large, model, ComparisonMemory.Extent.COMPARISON);
        long landscape = ComparisonMemory.bytes(large, model, ComparisonMemory.Extent.LANDSCAPE);
        assertTrue(comparison >= 2 * pass && comparison < 3 * pass, comparison + " for passes of " + pass);
        assertEquals(2 * pass, landscape - comparison, "the landscape's two sets of buffers");
        long smallBatch = ComparisonMemory.bytes(small, model, ComparisonMemory.Extent.COMPARISON);
        assertEquals(comparison - smallBatch, 2 * (pass - Workspaces.bytes(model, 100)),
                "a minibatch of 100 needs the buffers of 100 examples: the rest is the same");
    }

    private static Model model(LabSpec spec) {
        DataSet data = LabData.load(spec, Uploads.NONE);
        return Comparison.model(spec, data);
    }
}
