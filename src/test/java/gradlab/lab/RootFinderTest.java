package gradlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleUnaryOperator;

import org.junit.jupiter.api.Test;

/**
 * The landscape's root finder against roots known in closed form: it lands on them to the
 * tolerance asked, keeps to its bracket, stops where told, and refuses what is not a bracket.
 */
class RootFinderTest {

    private static final RootFinder TIGHT = new RootFinder(0, 1e-15, 100);

    /** f, counting its evaluations. */
    private record Counted(DoubleUnaryOperator f, AtomicInteger calls) implements DoubleUnaryOperator {
        Counted(DoubleUnaryOperator f) {
            this(f, new AtomicInteger());
        }

        @Override
        public double applyAsDouble(double x) {
            calls.incrementAndGet();
            return f.applyAsDouble(x);
        }
    }

    private static RootFinder.Root root(RootFinder finder, DoubleUnaryOperator f, double a, double b) {
        return finder.find(f, a, b).orElseThrow();
    }

    @Test
    void theSquareRootOfTwo() {
        DoubleUnaryOperator f = x -> x * x - 2;
        RootFinder.Root r = root(new RootFinder(1e-14, 0, 100), f, 0, 2);
        assertEquals(Math.sqrt(2), r.x(), 1e-14);
        assertTrue(Math.abs(r.value()) <= 1e-14, "|f| within the tolerance: " + r.value());
        assertEquals(f.applyAsDouble(r.x()), r.value(), 0, "the value is f at the root returned");
    }

    @Test
    void theZerosOfTheCosine() {
        assertEquals(Math.PI / 2, root(TIGHT, Math::cos, 0, 3).x(), 1e-15);
        assertEquals(3 * Math.PI / 2, root(TIGHT, Math::cos, 3, 6).x(), 4e-15);
        // a decreasing and an increasing crossing: the bracket may start on either sign
        assertEquals(Math.PI / 2, root(TIGHT, x -> -Math.cos(x), 0, 3).x(), 1e-15);
    }

    @Test
    void theRealRootOfACubicByCardano() {
        // x³ − 2x − 5 = 0 (Wallis's): x = ∛(5/2 + √(25/4 − 8/27)) + ∛(5/2 − √(25/4 − 8/27))
        double s = Math.sqrt(25.0 / 4 - 8.0 / 27);
        double cardano = Math.cbrt(2.5 + s) + Math.cbrt(2.5 - s);
        assertEquals(2.0945514815423265, cardano, 1e-15, "the closed form itself");
        assertEquals(cardano, root(TIGHT, x -> x * x * x - 2 * x - 5, 2, 3).x(), 1e-14);
        // a polynomial with three roots, bracketing the middle one only
        assertEquals(2, root(TIGHT, x -> (x - 1) * (x - 2) * (x - 3), 1.6, 2.7).x(), 1e-15);
    }

    @Test
    void aRootAtAnEndIsReturnedWithoutSearching() {
        Counted f = new Counted(x -> x - 1);
        RootFinder.Root r = TIGHT.find(f, 1, 2, 0, 1).orElseThrow();
        assertEquals(1, r.x(), 0);
        assertEquals(0, r.value(), 0);
        assertEquals(0, f.calls().get(), "no evaluation inside the bracket");
        Counted g = new Counted(x -> x - 2);
        assertEquals(2, TIGHT.find(g, 1, 2).orElseThrow().x(), 0);
        assertEquals(2, g.calls().get(), "the two ends only");
    }

    @Test
    void aRootAtAKink() {
        // steeper on the left than on the right: false position alone would creep from one side
        double c = 0.3;
        DoubleUnaryOperator f = x -> x < c ? 3 * (x - c) : (x - c) / 3;
        assertEquals(c, root(TIGHT, f, 0, 1).x(), 1e-15);
        // a slope ratio of 2500 is slow going, but a value tolerance is met, and |x − c| ≤ 50·|f(x)|
        DoubleUnaryOperator sharp = x -> x < c ? 50 * (x - c) : (x - c) / 50;
        RootFinder.Root r = root(new RootFinder(1e-12, 1e-15, 100), sharp, 0, 1);
        assertTrue(Math.abs(r.value()) <= 1e-12, "|f| = " + r.value());
        assertEquals(c, r.x(), 50 * Math.abs(r.value()));
        // a cusp: ∛(x − c) has an infinite slope at its root
        assertEquals(c, root(TIGHT, x -> Math.cbrt(x - c), -1, 2).x(), 1e-14);
    }

    @Test
    void theValueToleranceIsHonouredAndStopsTheSearchEarly() {
        DoubleUnaryOperator f = x -> Math.exp(x) - 3;
        for (double tolerance : new double[] {1e-2, 1e-6, 1e-10, 1e-14}) {
            RootFinder.Root r = root(new RootFinder(tolerance, 0, 100), f, 0, 2);
            assertTrue(Math.abs(r.value()) <= tolerance, tolerance + ": " + r.value());
            // |x − ln 3| ≤ |f(x)| / min f' on the bracket (f' = eˣ ≥ 1)
            assertEquals(Math.log(3), r.x(), Math.abs(r.value()));
        }
        Counted loose = new Counted(f);
        Counted tight = new Counted(f);
        new RootFinder(1e-2, 0, 100).find(loose, 0, 2);
        new RootFinder(1e-14, 0, 100).find(tight, 0, 2);
        assertTrue(loose.calls().get() < tight.calls().get(), loose.calls() + " vs " + tight.calls());
    }

    @Test
    void theWidthToleranceStopsTheSearch() {
        // a jump at c: |f| ≥ 1 everywhere, so only the bracket's width can stop the search
        double c = 0.1;
        for (double width : new double[] {1e-3, 1e-9}) {
            Counted f = new Counted(x -> x < c ? x - c - 1 : x - c + 1);
            RootFinder.Root r = new RootFinder(0, width, 1000).find(f, 0, 1).orElseThrow();
            assertTrue(f.calls().get() < 1000, "stopped on the width after " + f.calls() + " evaluations");
            assertTrue(Math.abs(r.value()) >= 1, "the value never met a tolerance: " + r.value());
            // the best point is an end of the last bracket, which holds c and is no wider than asked
            assertEquals(c, r.x(), width);
        }
    }

    @Test
    void atMostTheEvaluationsAllowed() {
        Counted f = new Counted(x -> Math.cbrt(x - 0.1));
        RootFinder.Root r = new RootFinder(0, 0, 3).find(f, 0, 1, f.applyAsDouble(0), f.applyAsDouble(1))
                .orElseThrow();
        assertEquals(2 + 3, f.calls().get(), "the ends, then three inside");
        assertEquals(f.applyAsDouble(r.x()), r.value(), 0);
    }

    @Test
    void aHandfulOfEvaluationsWhereBisectionNeedsFifty() {
        // bisection halves [0, 2] about 50 times to reach 1e-15; Illinois converges superlinearly
        Counted f = new Counted(x -> x * x - 2);
        RootFinder.Root r = TIGHT.find(f, 0, 2).orElseThrow();
        assertEquals(Math.sqrt(2), r.x(), 1e-15);
        assertTrue(f.calls().get() <= 2 + 12, f.calls() + " evaluations");
    }

    @Test
    void aNonFiniteValueInsideGivesNoRoot() {
        DoubleUnaryOperator f = x -> x > 0.4 && x < 0.6 ? Double.NaN : x - 0.5;
        assertTrue(TIGHT.find(f, 0, 1).isEmpty());
        DoubleUnaryOperator infinite = x -> x > 0.4 && x < 0.6 ? Double.POSITIVE_INFINITY : x - 0.5;
        assertTrue(TIGHT.find(infinite, 0, 1).isEmpty());
    }

    @Test
    void whatIsNotABracketIsRefused() {
        DoubleUnaryOperator f = x -> x * x + 1;
        assertThrows(IllegalArgumentException.class, () -> TIGHT.find(f, -1, 1), "no sign change");
        assertThrows(IllegalArgumentException.class, () -> TIGHT.find(x -> x, 1, -1), "a > b");
        assertThrows(IllegalArgumentException.class, () -> TIGHT.find(x -> x, 0, 0), "an empty bracket");
        assertThrows(IllegalArgumentException.class, () -> TIGHT.find(x -> x, -1, 1, Double.NaN, 1), "f(a) NaN");
        assertThrows(IllegalArgumentException.class, () -> TIGHT.find(x -> x, -1, Double.POSITIVE_INFINITY),
                "an infinite end");
        assertThrows(IllegalArgumentException.class, () -> new RootFinder(-1, 0, 10), "a negative tolerance");
        assertThrows(IllegalArgumentException.class, () -> new RootFinder(0, Double.NaN, 10), "a NaN width");
    }
}
