package gradlab.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The cadences of a run's streams, on a clock the test moves. */
class RunThrottleTest {
    private static final long MS = 1_000_000;

    private final AtomicLong now = new AtomicLong(123 * MS);
    private final RunThrottle throttle = new RunThrottle(now::get);

    @Test
    void rowsAreDueAtOnceThenAtMostEveryHundredMilliseconds() {
        assertTrue(throttle.rowsDue(), "the first rows go at once");
        assertFalse(throttle.rowsDue(), "and the next not at the same moment");
        now.addAndGet(99 * MS);
        assertFalse(throttle.rowsDue(), "99 ms later: not yet");
        now.addAndGet(MS);
        assertTrue(throttle.rowsDue(), "100 ms later");
        now.addAndGet(250 * MS);
        assertTrue(throttle.rowsDue(), "a pause does not bunch them up: due once");
        assertFalse(throttle.rowsDue());
        now.addAndGet(100 * MS - 1);
        assertFalse(throttle.rowsDue(), "counted in nanoseconds from when they last went");
    }

    @Test
    void chartsAreDueEveryFiveHundredMillisecondsFromTheEndOfTheLastDrawing() {
        assertFalse(throttle.chartsDue(), "a run that has just begun has nothing to draw yet");
        now.addAndGet(499 * MS);
        assertFalse(throttle.chartsDue(), "499 ms after they were first asked for: not yet");
        now.addAndGet(MS);
        assertTrue(throttle.chartsDue(), "the first charts go 500 ms after they were first asked for");
        assertTrue(throttle.chartsDue(), "asking does not take them");
        now.addAndGet(300 * MS); // drawing them took 300 ms
        throttle.chartsDrawn();
        now.addAndGet(499 * MS);
        assertFalse(throttle.chartsDue(), "799 ms after they were begun, 499 after they were drawn: not yet");
        now.addAndGet(MS);
        assertTrue(throttle.chartsDue(), "500 ms after they were drawn");
        throttle.chartsDrawn();
        assertFalse(throttle.chartsDue());
    }

    @Test
    void aPlaceInLineIsDueAtOnceThenOnceASecond() {
        assertTrue(throttle.queuedDue(), "the first place at once");
        now.addAndGet(250 * MS);
        assertFalse(throttle.queuedDue(), "the next heartbeat: not yet");
        now.addAndGet(749 * MS);
        assertFalse(throttle.queuedDue(), "999 ms: not yet");
        now.addAndGet(MS);
        assertTrue(throttle.queuedDue(), "a second later");
        assertFalse(throttle.queuedDue());
    }

    @Test
    void eachCadenceKeepsItsOwnTime() {
        assertTrue(throttle.rowsDue());
        assertTrue(throttle.queuedDue(), "rows going do not hold back a place in line");
        assertFalse(throttle.chartsDue(), "the charts keep their own start");
        now.addAndGet(500 * MS);
        assertTrue(throttle.chartsDue(), "nor do rows and places hold back the charts");
        throttle.chartsDrawn();
        now.addAndGet(100 * MS);
        assertTrue(throttle.rowsDue());
        assertFalse(throttle.chartsDue());
        assertFalse(throttle.queuedDue());
    }

    @Test
    void aClockThatStartsAtZeroOrBelowStillGivesTheFirstAtOnce() {
        AtomicLong early = new AtomicLong(Long.MIN_VALUE / 2);
        RunThrottle t = new RunThrottle(early::get);
        assertTrue(t.rowsDue());
        assertTrue(t.queuedDue());
        assertFalse(t.chartsDue());
        early.addAndGet(500 * MS);
        assertTrue(t.chartsDue());
    }
}
