package gradlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

/** The processors' turns: a first turn before anyone's next, each line first come, first served. */
class TurnsTest {
    /** A thread that takes a turn, notes its name, and gives the turn back at once. */
    private static Thread waiting(Turns turns, boolean first, String name, List<String> served) throws InterruptedException {
        Thread t = new Thread(() -> {
            turns.take(first);
            served.add(name);
            turns.give();
        }, name);
        t.start();
        // parked in take: it waits in its line
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (t.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(Thread.State.WAITING, t.getState(), name + " waits for a turn");
        return t;
    }

    @Test
    void aFirstTurnComesBeforeEveryNextAndEachLineKeepsItsOrder() throws Exception {
        Turns turns = new Turns(1);
        turns.take(true);
        assertFalse(turns.due());
        List<String> served = new CopyOnWriteArrayList<>();
        Thread next1 = waiting(turns, false, "next 1", served);
        Thread next2 = waiting(turns, false, "next 2", served);
        Thread first1 = waiting(turns, true, "first 1", served);
        Thread first2 = waiting(turns, true, "first 2", served);
        assertTrue(turns.due());
        assertTrue(served.isEmpty(), "nobody computes while the processor is taken");
        turns.give();
        for (Thread t : List.of(next1, next2, first1, first2)) {
            t.join(10_000);
        }
        assertEquals(List.of("first 1", "first 2", "next 1", "next 2"), served);
        assertFalse(turns.due());
    }

    @Test
    void aFreeProcessorIsTakenAtOnceAndGivenBackCountsAgain() throws Exception {
        Turns turns = new Turns(2);
        turns.take(true);
        turns.take(false);
        List<String> served = new CopyOnWriteArrayList<>();
        Thread third = waiting(turns, true, "third", served);
        turns.give();
        third.join(10_000);
        assertEquals(List.of("third"), served);
        // both processors are free again: two takes return at once, from this thread
        turns.give();
        turns.take(false);
        turns.take(true);
        assertFalse(turns.due());
    }

    @Test
    void whilePagesAreAnsweredTheRunsLeaveThemAProcessor() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean pages = new java.util.concurrent.atomic.AtomicBoolean(true);
        Turns turns = new Turns(2, pages::get);
        turns.take(true);
        List<String> served = new CopyOnWriteArrayList<>();
        Thread second = waiting(turns, true, "second", served);
        assertTrue(served.isEmpty(), "one of two processors is the pages' while they are answered");
        pages.set(false);
        // the pages are answered: the next turn given back fills both processors again
        turns.give();
        second.join(10_000);
        assertEquals(List.of("second"), served);

        turns.take(true);
        turns.take(false);
        assertFalse(turns.due(), "two runs on two processors, nobody waits");
        pages.set(true);
        assertTrue(turns.due(), "pages arrive: one run should give its processor at the end of its turn");
    }
}
