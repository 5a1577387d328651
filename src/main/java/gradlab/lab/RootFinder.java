package gradlab.lab;

import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * A root of f on a bracket [a, b] where f changes sign. The bracket always keeps a sign
 * change, as in bisection, but the next point is the false-position one, with the Illinois
 * halving (a retained end's value is halved when the same end is kept twice in a row, so that
 * it cannot stick): a smooth f needs a handful of evaluations where bisection needs about
 * forty. When the false-position point falls outside the open bracket (rounding), the
 * midpoint is taken instead.
 *
 * @param valueTolerance  stop once |f(x)| ≤ this at some evaluated x (≥ 0)
 * @param widthTolerance  stop once the bracket is no wider than this (absolute, ≥ 0)
 * @param maxEvaluations  stop after this many evaluations of f inside the bracket
 */
public record RootFinder(double valueTolerance, double widthTolerance, int maxEvaluations) {

    /**
     * The point with the smallest |f| evaluated so far, and f there. It meets valueTolerance
     * unless the search stopped on the bracket's width or the number of evaluations: the caller
     * judges the value.
     */
    public record Root(double x, double value) {
    }

    public RootFinder {
        if (!(valueTolerance >= 0) || !(widthTolerance >= 0) || maxEvaluations < 0) {
            throw new IllegalArgumentException("tolerances ≥ 0 and evaluations ≥ 0; got " + valueTolerance + ", "
                    + widthTolerance + ", " + maxEvaluations);
        }
    }

    /** The root of f on [a, b], evaluating f at both ends first. */
    public Optional<Root> find(DoubleUnaryOperator f, double a, double b) {
        return find(f, a, b, f.applyAsDouble(a), f.applyAsDouble(b));
    }

    /**
     * The root of f on [a, b] given fa = f(a) and fb = f(b), which must be finite and of
     * opposite signs (or one of them 0); empty when f is not finite at a point inside.
     */
    public Optional<Root> find(DoubleUnaryOperator f, double a, double b, double fa, double fb) {
        if (!(a < b) || !Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(fa) || !Double.isFinite(fb)
                || !(fa == 0 || fb == 0 || (fa < 0) != (fb < 0))) {
            throw new IllegalArgumentException("not a bracket: f(" + a + ") = " + fa + ", f(" + b + ") = " + fb);
        }
        double lo = a;
        double hi = b;
        double flo = fa;
        double fhi = fb;
        boolean loBetter = Math.abs(flo) <= Math.abs(fhi);
        double bestX = loBetter ? lo : hi;
        double bestValue = loBetter ? flo : fhi;
        // which end the last step kept: −1 lo moved (hi kept), +1 hi moved (lo kept), 0 none yet
        int stuck = 0;
        for (int k = 0; k < maxEvaluations && Math.abs(bestValue) > valueTolerance && hi - lo > widthTolerance; k++) {
            double t = (lo * fhi - hi * flo) / (fhi - flo);
            if (!(t > lo && t < hi)) {
                t = 0.5 * (lo + hi);
            }
            double ft = f.applyAsDouble(t);
            if (!Double.isFinite(ft)) {
                return Optional.empty();
            }
            if (Math.abs(ft) < Math.abs(bestValue)) {
                bestValue = ft;
                bestX = t;
            }
            if ((ft >= 0) == (flo >= 0)) {
                lo = t;
                flo = ft;
                if (stuck == -1) {
                    fhi /= 2;
                }
                stuck = -1;
            } else {
                hi = t;
                fhi = ft;
                if (stuck == 1) {
                    flo /= 2;
                }
                stuck = 1;
            }
        }
        return Optional.of(new Root(bestX, bestValue));
    }
}
