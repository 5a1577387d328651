package gradlab.lab;

import static gradlab.lab.LessonLab.EXACT;
import static gradlab.lab.LessonLab.WRONG;
import static gradlab.lab.LessonLab.column;
import static gradlab.lab.LessonLab.compare;
import static gradlab.lab.LessonLab.cov;
import static gradlab.lab.LessonLab.grad;
import static gradlab.lab.LessonLab.mean;
import static gradlab.lab.LessonLab.metrics;
import static gradlab.lab.LessonLab.rel;
import static gradlab.lab.LessonLab.spec;
import static gradlab.lab.LessonLab.train;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import gradlab.engine.Activation;
import gradlab.engine.Batch;
import gradlab.engine.Batched;
import gradlab.engine.Model;
import gradlab.engine.PerExample;
import gradlab.engine.Loss;
import gradlab.engine.Metrics;
import gradlab.engine.Parameters;
import gradlab.engine.Procedure;
import gradlab.lab.LessonLab.Run;

/**
 * What the introduction, the one-layer lessons (F1, F2, F6) and free play say about their presets, checked on
 * those presets: the identities recomputed here from the batch and θ0, and the relations
 * between the figures the texts quote by placeholder. Numbers still typed in a text (θ0, a
 * gradient entry, a "Try this" result) are checked as typed.
 */
class LessonClaimsTest {
    private static final Procedure PER_EXAMPLE = Procedure.PER_EXAMPLE;
    private static final Procedure MEAN_INPUT = Procedure.MEAN_INPUT;
    private static final Procedure MEAN_ERROR = Procedure.MEAN_ERROR;
    private static final List<Procedure> NAIVE = List.of(MEAN_INPUT, MEAN_ERROR);

    /** The preset's training starts at the comparison's J(θ0): with a full batch the batch is all the data. */
    private static void startsAtTheQuotedCost(Comparison c, Run run) {
        assertEquals(c.spec().n(), c.batch().size(), "a full batch");
        assertEquals(c.cost(), run.cost(PER_EXAMPLE, 0), EXACT * c.cost(), "{{cost}} is where training starts");
    }

    /** A copy has come to rest by this step: its cost then is its final cost, within 1 %. */
    private static void restsBy(Run run, Procedure copy, int step) {
        double end = run.finalCost(copy);
        assertEquals(end, run.cost(copy, step), 0.01 * end, copy + " has stopped by step " + step);
        assertTrue(run.last(copy).relativeError() > 0.99, copy + "'s own gradient has all but vanished");
    }

    // ------------------------------------------------------------------ intro

    @Test
    void introBothShortcutsAreWrongInBothLayersShortAndOnlyMeanErrorsOutputBiasIsExact() {
        Comparison c = compare("intro");
        assertEquals(Activation.TANH, c.spec().act());
        assertTrue(metrics(c, Procedure.FINITE_DIFFERENCE).relativeError() < 1e-8, "the correct gradient, checked");
        assertTrue(metrics(c, Procedure.BATCHED).relativeError() <= EXACT, "batched, to the last digits");
        for (Procedure naive : NAIVE) {
            Metrics m = metrics(c, naive);
            for (double e : m.perLayerRelativeError()) {
                assertTrue(e > 0.5, naive + " is wrong in every layer: " + e);
            }
            assertTrue(m.normRatio() < 0.5, naive + " is much shorter: " + m.normRatio());
            assertEquals(1.0, m.sameSign(), naive + "'s bars point the same way");
        }
        int last = c.model().layers();
        assertTrue(rel(grad(c, MEAN_ERROR).b(last), grad(c, PER_EXAMPLE).b(last)) <= EXACT, "mean-error's b2 is exact");
        assertTrue(rel(grad(c, MEAN_ERROR).b(1), grad(c, PER_EXAMPLE).b(1)) > 0.1, "and only b2");
        assertTrue(rel(grad(c, MEAN_INPUT).b(last), grad(c, PER_EXAMPLE).b(last)) > 1e-6, "no other naive bar matches");

        Run run = train(c.spec());
        startsAtTheQuotedCost(c, run);
        for (Procedure naive : NAIVE) {
            restsBy(run, naive, 25);
            assertTrue(run.finalCost(naive) > 2 * run.finalCost(PER_EXAMPLE), naive + " stops far above the correct copy");
        }
    }

    @Test
    void introTryThisIdentityActivationsStillLeaveTheShortcutsWrong() {
        Comparison c = compare("intro", "act=identity");
        assertTrue(rel(grad(c, MEAN_INPUT).flat(), grad(c, MEAN_ERROR).flat()) <= EXACT, "the two shortcuts coincide");
        for (double e : metrics(c, MEAN_ERROR).perLayerRelativeError()) {
            assertTrue(e > 0.5, "still wrong in every layer: " + e);
        }
        assertEquals(0.84, metrics(c, MEAN_ERROR).relativeError(), 0.005, "as the text says");
    }

    // ------------------------------------------------------------------ F1

    /** δ_i = ∂L_i/∂z_i of a one-layer bce network, written out independently of the engine. */
    private static double[] bceOutputErrors(Parameters theta, Batch batch) {
        double[] delta = new double[batch.size()];
        for (int i = 0; i < delta.length; i++) {
            double z = theta.w(1).get(0, 0) * batch.x().get(i, 0) + theta.b(1).get(0, 0);
            delta[i] = 1 / (1 + Math.exp(-z)) - batch.y().get(i, 0);
        }
        return delta;
    }

    @Test
    void f1TheWeightDifferenceIsTheCovarianceOfErrorAndInputAndTheBiasIsExact() {
        Comparison c = compare("f1-covariance");
        assertTrue(c.spec().hidden().isEmpty(), "no hidden layer");
        assertEquals(Loss.BCE, c.spec().loss());
        assertEquals(1, c.batch().inputs(), "one input, one output: W is 1 × 1");
        double cov = cov(bceOutputErrors(c.theta(), c.batch()), column(c.batch().x(), 0));
        Parameters correct = grad(c, PER_EXAMPLE);
        Parameters naive = grad(c, MEAN_ERROR);
        double diff = correct.w(1).get(0, 0) - naive.w(1).get(0, 0);
        assertTrue(Math.abs(cov) > 0.1, "the covariance is far from zero here: " + cov);
        assertEquals(cov, diff, EXACT * Math.abs(cov), "per-example − mean-error = Cov(δ, x)");
        assertTrue(rel(naive.b(1), correct.b(1)) <= EXACT, "the bias is exact");
        Metrics m = metrics(c, MEAN_ERROR);
        assertEquals(m.relativeError(), m.perLayerRelativeError()[0], EXACT, "one layer, the same relative error");

        // the numbers the text still types: θ0 and the gradient entries
        assertEquals(-1.34, c.theta().w(1).get(0, 0), 5e-3);
        assertEquals(-0.3426, correct.w(1).get(0, 0), 5e-5);
        assertEquals(-0.0589, naive.w(1).get(0, 0), 5e-5);
        assertEquals(-0.2838, cov, 5e-5);
        assertEquals(-0.2836, correct.b(1).get(0, 0), 5e-5);

        Run run = train(c.spec());
        startsAtTheQuotedCost(c, run);
        restsBy(run, MEAN_ERROR, 50);
        assertTrue(run.finalCost(MEAN_ERROR) > 3 * run.finalCost(PER_EXAMPLE), "the correct copy goes much lower");
        double cosine = run.last(MEAN_ERROR).cosine();
        assertTrue(cosine > 0.1 && cosine < 0.3, "its cosine settles near 0.2: " + cosine);
    }

    @Test
    void f1TryThisWithAHiddenLayerOnlyTheOutputBiasStaysExact() {
        Comparison c = compare("f1-covariance", "hidden=4");
        Parameters correct = grad(c, PER_EXAMPLE);
        Parameters naive = grad(c, MEAN_ERROR);
        assertTrue(rel(naive.b(2), correct.b(2)) <= EXACT, "b2 = mean δ² is exact");
        double b1 = rel(naive.b(1), correct.b(1));
        assertTrue(b1 > 1e-3 && b1 < 1e-2, "b1 is close but not exact: " + b1);
        assertTrue(rel(naive.w(1), correct.w(1)) > 0.5 && rel(naive.w(2), correct.w(2)) > 0.5, "W1, W2 are off");
    }

    // ------------------------------------------------------------------ F2

    @Test
    void f2BothShortcutsAgreeTheInterceptIsExactAndTheSlopeMissesTwiceTheCovariance() {
        Comparison c = compare("f2-linear-regression");
        assertEquals(Loss.MSE, c.spec().loss());
        assertTrue(c.spec().hidden().isEmpty());
        Parameters correct = grad(c, PER_EXAMPLE);
        Parameters meanError = grad(c, MEAN_ERROR);
        assertTrue(rel(grad(c, MEAN_INPUT).flat(), meanError.flat()) <= EXACT, "mean-input = mean-error");
        assertTrue(rel(meanError.b(1), correct.b(1)) <= EXACT, "b is exact");
        Metrics mi = metrics(c, MEAN_INPUT);
        Metrics me = metrics(c, MEAN_ERROR);
        assertEquals(mi.angleDegrees(), me.angleDegrees(), 1e-9, "identical rows");
        assertEquals(mi.relativeError(), me.relativeError(), EXACT);
        assertEquals(me.relativeError(), me.perLayerRelativeError()[0], EXACT, "one layer, the same relative error");

        double m = c.theta().w(1).get(0, 0);
        double b = c.theta().b(1).get(0, 0);
        double[] x = column(c.batch().x(), 0);
        double[] residual = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            residual[i] = m * x[i] + b - c.batch().y().get(i, 0);
        }
        double twiceCov = 2 * cov(residual, x);
        double dm = correct.w(1).get(0, 0) - meanError.w(1).get(0, 0);
        assertTrue(Math.abs(twiceCov) > 1, "the covariance is far from zero: " + twiceCov);
        assertEquals(twiceCov, dm, EXACT * Math.abs(twiceCov), "Δm = 2·Cov(ŷ − y, x)");

        // the numbers the text still types: θ0, x̄ and the gradient entries
        assertEquals(-1.339, m, 5e-4);
        assertEquals(0.208, mean(x), 5e-4);
        assertEquals(-1.6195, correct.w(1).get(0, 0), 5e-5);
        assertEquals(-1.5226, correct.b(1).get(0, 0), 5e-5);
        assertEquals(-0.3161, meanError.w(1).get(0, 0), 5e-5);
        assertEquals(-1.3034, dm, 5e-5);

        // training: the naive copies move along (x̄, 1) only, and stop on the line through (x̄, ȳ)
        Run run = train(c.spec());
        double correctEnd = run.finalCost(PER_EXAMPLE);
        assertTrue(correctEnd > 0.08 && correctEnd < 0.12, "about the noise's own cost, 0.3² = 0.09: " + correctEnd);
        assertEquals(run.finalCost(MEAN_ERROR), run.finalCost(MEAN_INPUT), 1e-9, "both stop at one cost");
        double yBar = mean(column(c.batch().y(), 0));
        for (Procedure naive : NAIVE) {
            restsBy(run, naive, 25);
            Parameters end = run.trainer().theta(naive);
            double mEnd = end.w(1).get(0, 0);
            double bEnd = end.b(1).get(0, 0);
            assertEquals(mean(x) * (bEnd - b), mEnd - m, 1e-9, naive + " moved along (x̄, 1)");
            assertEquals(yBar, mEnd * mean(x) + bEnd, 1e-6, naive + " ends on a line through (x̄, ȳ)");
            assertEquals(-1.19, mEnd, 0.005, naive + " keeps a falling slope");
        }
    }

    @Test
    void f2TryThisWithoutNoiseTheSlopeIsStillOffByTwiceTheSlopeErrorTimesTheVariance() {
        Comparison c = compare("f2-linear-regression", "noise=0");
        double m = c.theta().w(1).get(0, 0);
        double[] x = column(c.batch().x(), 0);
        double expected = 2 * (m - 0.8) * cov(x, x);
        double dm = grad(c, PER_EXAMPLE).w(1).get(0, 0) - grad(c, MEAN_ERROR).w(1).get(0, 0);
        assertEquals(expected, dm, 1e-10 * Math.abs(expected), "Cov(ŷ − y, x) = (m − 0.8)·Var(x) on noiseless data");
        assertEquals(-2.139, m - 0.8, 5e-4);
        assertEquals(0.276, cov(x, x), 5e-4);
        assertEquals(-1.18, dm, 0.005);
        assertEquals(0.56, metrics(c, MEAN_ERROR).relativeError(), 0.005);
        Run run = train(c.spec());
        assertTrue(run.finalCost(PER_EXAMPLE) < 1e-4, "the correct copy fits the line: " + run.finalCost(PER_EXAMPLE));
        assertEquals(1.10, run.finalCost(MEAN_ERROR), 0.005, "the naive copy stops at 1.10");
    }

    // ------------------------------------------------------------------ F6 and free play

    @Test
    void f6TheMirrorPointThroughTheBestLineHasTheSameCostAndTheOppositeGradient() {
        Comparison c = compare("f6-level-sets");
        assertTrue(c.spec().hidden().isEmpty());
        assertEquals(Loss.MSE, c.spec().loss());
        assertEquals(2, c.theta().size(), "the landscape over two parameters is the whole cost");
        Model model = c.model();
        Batch batch = c.batch();
        double[] x = column(batch.x(), 0);
        double[] y = column(batch.y(), 0);
        // the least-squares line, by hand
        double mStar = cov(x, y) / cov(x, x);
        double bStar = mean(y) - mStar * mean(x);
        Parameters a = c.theta();
        Parameters b = a.copy();
        b.w(1).set(0, 0, 2 * mStar - a.w(1).get(0, 0));
        b.b(1).set(0, 0, 2 * bStar - a.b(1).get(0, 0));

        double ja = model.cost(a, batch);
        double jb = model.cost(b, batch);
        assertEquals(ja, jb, EXACT * ja * 10, "θb lies on the contour of θa");
        assertEquals(ja, independentMse(a, x, y), EXACT * ja * 10);
        Parameters ga = new Batched().gradient(model, a, batch);
        Parameters gb = new Batched().gradient(model, b, batch);
        assertTrue(rel(ga.flat(), grad(c, PER_EXAMPLE).flat()) <= 1e-12);
        assertTrue(Metrics.norm(ga.flat()) > 1, "a gradient far from zero");
        double[] minusGa = ga.flat();
        for (int j = 0; j < minusGa.length; j++) {
            minusGa[j] = -minusGa[j];
        }
        assertTrue(rel(gb.flat(), minusGa) <= 1e-9, "∇J(θb) = −∇J(θa): no g with ∇J = g(J)");

        assertEquals(c.cost(), ja, EXACT * ja, "the J the text quotes by {{cost}} is J(θa)");
        // the numbers the text still types: the best line, its cost and the mirror point
        assertEquals(1.020, mStar, 5e-4);
        assertEquals(0.272, bStar, 5e-4);
        assertEquals(3.379, b.w(1).get(0, 0), 5e-4);
        assertEquals(0.543, b.b(1).get(0, 0), 5e-4);
        assertEquals(0.103, independentMse(bestLine(mStar, bStar, a), x, y), 5e-4);
        Run run = train(c.spec());
        double floor = independentMse(bestLine(mStar, bStar, a), x, y);
        double end = run.finalCost(PER_EXAMPLE);
        assertTrue(end >= floor - 1e-12 && end < floor + 0.01, "the correct copy walks down to the bowl's bottom: " + end);
        assertTrue(run.finalCost(MEAN_ERROR) > 10 * floor, "the naive copies stop far from it");

        // the pair the page draws on the landscape: θa = θ0 and a θb on its contour, 55° apart
        Landscape landscape = Landscape.compute(c);
        Landscape.Counterexample pair = landscape.counterexample().orElseThrow();
        assertEquals(pair.costA(), pair.costB(), 1e-9 * pair.costA(), "one contour");
        assertEquals(ja, pair.costA(), 1e-12 * ja, "the contour through θ0");
        assertEquals(-1.73, pair.b().x(), 0.005);
        assertEquals(1.00, pair.b().y(), 0.005);
        assertEquals(55, pair.angleDegrees(), 1);
        assertTrue(landscape.x().min() < mStar && mStar < landscape.x().max()
                && landscape.y().min() < bStar && bStar < landscape.y().max(), "the bowl's bottom is in the window");
        assertTrue(b.w(1).get(0, 0) > landscape.x().max(), "the mirror point is outside the window");
    }

    private static Parameters bestLine(double m, double b, Parameters like) {
        Parameters p = like.copy();
        p.w(1).set(0, 0, m);
        p.b(1).set(0, 0, b);
        return p;
    }

    private static double independentMse(Parameters theta, double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double r = theta.w(1).get(0, 0) * x[i] + theta.b(1).get(0, 0) - y[i];
            s += r * r;
        }
        return s / x.length;
    }

    @Test
    void f6TryThisTheLinearCostWithoutAHiddenLayerHasOneGradientEverywhere() {
        Comparison c = compare("f6-level-sets", "loss=linear");
        double xBar = mean(column(c.batch().x(), 0));
        double[] expected = {-xBar, -1};
        assertEquals(-0.21, -xBar, 0.005, "the (−x̄, −1) the text types");
        for (double shift : new double[] {0, 1, -3.5, 10}) {
            Parameters theta = c.theta().copy();
            theta.w(1).set(0, 0, theta.w(1).get(0, 0) + shift);
            theta.b(1).set(0, 0, theta.b(1).get(0, 0) - 2 * shift);
            assertTrue(rel(new Batched().gradient(c.model(), theta, c.batch()).flat(), expected) <= EXACT,
                    "∇J = (−x̄, −1) at every θ");
        }
        assertEquals(0.0, metrics(c, MEAN_INPUT).relativeError(), EXACT);
        assertEquals(0.0, metrics(c, MEAN_ERROR).relativeError(), EXACT);
        Landscape plane = Landscape.compute(c);
        assertTrue(plane.counterexample().isEmpty() && plane.constantGradient() && !plane.reason().isEmpty(),
                "the landscape says there is no pair");

        // with a hidden layer the linear cost's gradient changes from point to point
        Comparison deep = compare("f6-level-sets", "loss=linear", "hidden=4");
        Parameters moved = deep.theta().copy();
        moved.w(1).data[0] *= 2;
        double change = rel(new PerExample().gradient(deep.model(), moved, deep.batch()).flat(),
                grad(deep, PER_EXAMPLE).flat());
        assertTrue(change > WRONG, "with a hidden layer ∇J varies: " + change);
    }

    @Test
    void freePlayStartsFromTheDefaultsAndBiggerStepsLeaveTheNaiveCopiesWhereTheyWere() {
        assertEquals("", LessonLab.lesson("free-play").preset(), "no preset: the defaults");
        assertEquals(LabSpec.defaults(), spec("free-play"));
        Comparison c = compare("free-play");
        assertTrue(rel(grad(c, MEAN_INPUT).flat(), grad(c, MEAN_ERROR).flat()) <= EXACT);
        assertTrue(metrics(c, Procedure.FINITE_DIFFERENCE).relativeError() < 1e-8, "finite differences confirm it");

        Run slow = train(c.spec());
        Run fast = train(spec("free-play", "lr=0.5"));
        for (Run run : List.of(slow, fast)) {
            assertTrue(run.finalCost(PER_EXAMPLE) < 0.11);
            for (Procedure naive : List.of(MEAN_INPUT, MEAN_ERROR)) {
                assertEquals(slow.finalCost(naive), run.finalCost(naive), 1e-4, naive + " rests at one cost whatever the step");
            }
        }
    }

    /** Unused columns would hide a bug: the batch of F1 and F2 has one input column. */
    @Test
    void theOneLayerPresetsHaveOneInputAndOneTarget() {
        for (String id : List.of("f1-covariance", "f2-linear-regression")) {
            DMatrixRMaj x = compare(id).batch().x();
            assertEquals(1, x.numCols, id);
            assertEquals(spec(id).n(), x.numRows, id + ": a full batch");
        }
    }
}
