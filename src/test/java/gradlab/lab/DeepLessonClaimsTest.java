package gradlab.lab;

import static gradlab.lab.LessonLab.EXACT;
import static gradlab.lab.LessonLab.WRONG;
import static gradlab.lab.LessonLab.compare;
import static gradlab.lab.LessonLab.figure;
import static gradlab.lab.LessonLab.grad;
import static gradlab.lab.LessonLab.metrics;
import static gradlab.lab.LessonLab.rel;
import static gradlab.lab.LessonLab.spec;
import static gradlab.lab.LessonLab.train;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import gradlab.engine.Activation;
import gradlab.engine.Batch;
import gradlab.engine.Loss;
import gradlab.engine.Metrics;
import gradlab.engine.Model;
import gradlab.engine.Parameters;
import gradlab.engine.PerExample;
import gradlab.engine.Procedure;
import gradlab.engine.Trainer;
import gradlab.lab.LessonLab.Run;

/**
 * What the lessons on deeper networks and on batches say about their presets — F3 (the linear
 * cost), F4 (a batch of one), F5 (non-linear layers) and F7 (accumulation) — checked on those
 * presets: exactness where the text says exact, error where it says wrong, and the relations
 * between the figures its placeholders quote.
 */
class DeepLessonClaimsTest {
    private static final Procedure PER_EXAMPLE = Procedure.PER_EXAMPLE;
    private static final Procedure MEAN_INPUT = Procedure.MEAN_INPUT;
    private static final Procedure MEAN_ERROR = Procedure.MEAN_ERROR;
    private static final Procedure ACCUMULATE = Procedure.ACCUMULATE;
    private static final Procedure MEAN_OF_MEANS = Procedure.MEAN_OF_MEANS;

    @Test
    void f3WithTheLinearCostOnALinearNetworkBothShortcutsAreExactInEveryLayer() {
        Comparison c = compare("f3-linear-cost");
        assertEquals(Loss.LINEAR, c.spec().loss());
        assertEquals(Activation.IDENTITY, c.spec().act());
        assertTrue(c.spec().hidden().size() >= 2, "a deep network");
        assertTrue(Metrics.norm(grad(c, PER_EXAMPLE).flat()) > 1, "the gradient is not trivially zero");
        for (Procedure naive : List.of(MEAN_INPUT, MEAN_ERROR)) {
            Metrics m = metrics(c, naive);
            assertTrue(m.relativeError() <= EXACT, naive + ": " + m.relativeError());
            for (double e : m.perLayerRelativeError()) {
                assertTrue(e <= EXACT, naive + " per layer: " + e);
            }
        }
        DMatrixRMaj bL = grad(c, PER_EXAMPLE).b(c.model().layers());
        for (double v : bL.data) {
            assertEquals(-1.0, v, 0.0, "∂J/∂b^L = −1 at every θ");
        }
    }

    @Test
    void f3TheLinearCostFallsWithoutBoundAndEveryCopyDivergesAtTheSameStep() {
        LabSpec spec = spec("f3-linear-cost");
        Run run = train(spec);
        List<Double> costs = new ArrayList<>();
        for (Trainer.Record r : run.records()) {
            Trainer.CopyState s = r.copies().get(PER_EXAMPLE);
            if (!s.diverged()) {
                costs.add(s.cost());
                for (Procedure naive : List.of(MEAN_INPUT, MEAN_ERROR)) {
                    assertEquals(s.cost(), r.copies().get(naive).cost(), 1e-9 * Math.max(1, Math.abs(s.cost())),
                            "one curve for all copies at step " + r.step());
                    assertEquals(1.0, r.copies().get(naive).cosine(), 1e-12);
                }
            }
        }
        for (int j = 1; j < costs.size(); j++) {
            assertTrue(costs.get(j) < costs.get(j - 1), "J falls at every step: " + costs);
        }
        // slowly at first, then faster and faster: no minimum to slow down at
        int last = costs.size() - 1;
        for (int j = 10; j <= last; j += 10) {
            double dropNow = costs.get(j - 1) - costs.get(j);
            double dropBefore = costs.get(j - 10) - costs.get(j - 9);
            assertTrue(dropNow > dropBefore, "the steps down grow, step " + j + ": " + costs);
        }
        assertTrue(costs.get(last - 1) - costs.get(last) > 1e6 * (costs.get(0) - costs.get(1)), "and grow without bound");
        int step = run.summary().copies().get(PER_EXAMPLE).divergedAtStep();
        assertEquals(101, step, "the run goes beyond −10¹² at step 101");
        for (Procedure naive : List.of(MEAN_INPUT, MEAN_ERROR)) {
            assertEquals(step, run.summary().copies().get(naive).divergedAtStep(), naive + " diverges with it");
        }
        assertEquals(costs.get(100), run.finalCost(PER_EXAMPLE), 0.0, "the final cost quoted is step 100's");
        assertTrue(run.finalCost(PER_EXAMPLE) < -1e9, "beyond −10⁹ by step 100");
        Comparison c = compare("f3-linear-cost");
        assertEquals(c.cost(), costs.get(0), EXACT, "{{cost}} is where training starts (a full batch)");
        // the costs the text still types
        assertEquals(-2, costs.get(25), 0.5);
        assertEquals(-9, costs.get(50), 1);
        assertEquals(-85, costs.get(75), 5);
    }

    @Test
    void f3TryThisWithMseEveryBiasStaysExactAndEveryWeightGoesWrong() {
        Comparison c = compare("f3-linear-cost", "loss=mse");
        Parameters correct = grad(c, PER_EXAMPLE);
        for (Procedure naive : List.of(MEAN_INPUT, MEAN_ERROR)) {
            Parameters g = grad(c, naive);
            for (int l = 1; l <= c.model().layers(); l++) {
                assertTrue(rel(g.b(l), correct.b(l)) <= EXACT, naive + " b" + l + " is exact");
                assertTrue(rel(g.w(l), correct.w(l)) > 0.5, naive + " W" + l + " is wrong");
            }
        }
    }

    @Test
    void f3WithTanhMeanErrorIsExactOnlyAtTheTopAndMeanInputOnlyInTheOutputBias() {
        Comparison c = compare("f3-linear-cost", "act=tanh");
        int last = c.model().layers();
        Parameters correct = grad(c, PER_EXAMPLE);
        Parameters meanError = grad(c, MEAN_ERROR);
        Parameters meanInput = grad(c, MEAN_INPUT);
        assertTrue(rel(meanError.w(last), correct.w(last)) <= EXACT, "W^L");
        assertTrue(rel(meanError.b(last), correct.b(last)) <= EXACT, "b^L");
        assertTrue(rel(meanError.b(last - 1), correct.b(last - 1)) <= EXACT, "the last hidden bias");
        for (int l = 1; l < last; l++) {
            assertTrue(rel(meanError.w(l), correct.w(l)) > WRONG, "mean-error W" + l + " is wrong");
            assertTrue(rel(meanInput.w(l), correct.w(l)) > WRONG, "mean-input W" + l + " is wrong");
            assertTrue(rel(meanInput.b(l), correct.b(l)) > WRONG, "mean-input b" + l + " is wrong");
        }
        for (int l = 1; l < last - 1; l++) {
            assertTrue(rel(meanError.b(l), correct.b(l)) > WRONG, "mean-error b" + l + " is wrong");
        }
        assertTrue(rel(meanInput.w(last), correct.w(last)) > WRONG, "mean-input W^L is wrong");
        assertTrue(rel(meanInput.b(last), correct.b(last)) <= EXACT, "mean-input is exact in b^L only");
    }

    @Test
    void f3MeanOfMeansIsExactInTheBiasesButNotInTheWeights() {
        Comparison c = compare("f3-linear-cost", "micro=4,12,16");
        Parameters correct = grad(c, PER_EXAMPLE);
        Parameters mom = grad(c, MEAN_OF_MEANS);
        for (int l = 1; l <= c.model().layers(); l++) {
            assertTrue(rel(mom.b(l), correct.b(l)) <= EXACT, "b" + l + " is exact");
            assertTrue(rel(mom.w(l), correct.w(l)) > WRONG, "W" + l + " is not");
        }
    }

    @Test
    void f4WithABatchOfOneEveryShortcutIsExact() {
        Comparison c = compare("f4-batch-of-one");
        assertEquals(1, c.spec().batch());
        assertEquals(1, c.batch().size(), "the comparison is made on one example");
        assertTrue(Metrics.norm(grad(c, PER_EXAMPLE).flat()) > 0.1);
        for (Procedure naive : List.of(MEAN_INPUT, MEAN_ERROR)) {
            assertTrue(metrics(c, naive).relativeError() <= EXACT, naive + ": " + metrics(c, naive).relativeError());
        }
        // every naive procedure, mean-of-means included; and with n = 1 as well as batch = 1
        Comparison micro = compare("f4-batch-of-one", "micro=1");
        assertTrue(metrics(micro, MEAN_OF_MEANS).relativeError() <= EXACT);
        Comparison one = compare("f4-batch-of-one", "n=1", "batch=1");
        for (Procedure naive : List.of(MEAN_INPUT, MEAN_ERROR)) {
            assertTrue(metrics(one, naive).relativeError() <= EXACT, "n = 1: " + naive);
        }

        Run run = train(c.spec());
        double previous = Double.NaN;
        boolean rose = false;
        for (Trainer.Record r : run.records()) {
            double cost = r.copies().get(PER_EXAMPLE).cost();
            for (Procedure naive : List.of(MEAN_INPUT, MEAN_ERROR)) {
                assertEquals(cost, r.copies().get(naive).cost(), 1e-12, "one curve at step " + r.step());
            }
            rose |= cost > previous;
            previous = cost;
        }
        assertTrue(rose, "the cost of a batch-of-one descent goes up as well as down");
        // the full costs the text still types, and the introduction's full-batch copy it compares with
        assertEquals(0.58, run.cost(PER_EXAMPLE, 0), 0.005);
        assertEquals(0.27, run.cost(PER_EXAMPLE, 25), 0.005);
        assertEquals(0.39, run.cost(PER_EXAMPLE, 50), 0.005);
        double intro = figure("intro", "train.per-example.finalCost");
        assertEquals(0.14, intro, 0.005);
        assertTrue(intro < run.finalCost(PER_EXAMPLE), "the full batch got lower in as many steps");
        assertTrue(metrics(c, Procedure.FINITE_DIFFERENCE).relativeError() > metrics(c, MEAN_ERROR).relativeError(),
                "only finite-difference is further off");
    }

    @Test
    void f4TryThisABatchOfTwoIsAlreadyEnoughToGoWrong() {
        Comparison c = compare("f4-batch-of-one", "batch=2");
        assertEquals(0.33, metrics(c, MEAN_INPUT).relativeError(), 0.01);
        assertEquals(0.24, metrics(c, MEAN_ERROR).relativeError(), 0.01);
        for (Procedure naive : List.of(MEAN_INPUT, MEAN_ERROR)) {
            for (double e : metrics(c, naive).perLayerRelativeError()) {
                assertTrue(e > 0.1, naive + " per layer: " + e);
            }
        }
    }

    @Test
    void f5TheShortcutsAreWrongBelowEveryNonLinearityAndLearnNothingOnXor() {
        Comparison c = compare("f5-nonlinear");
        assertNotEquals(Activation.IDENTITY, c.spec().act());
        assertTrue(c.spec().hidden().size() >= 2);
        int layers = c.model().layers();
        for (Procedure naive : List.of(MEAN_INPUT, MEAN_ERROR)) {
            Metrics m = metrics(c, naive);
            double[] perLayer = m.perLayerRelativeError();
            for (int l = 1; l < layers; l++) {
                assertTrue(perLayer[l - 1] > WRONG, naive + " layer " + l + ": " + perLayer[l - 1]);
            }
            assertTrue(perLayer[layers - 1] > WRONG, naive + ": with bce the top layer is wrong too");
            assertTrue(Math.abs(m.cosine()) < 0.05, naive + " is about 90° off: " + m.cosine());
            assertTrue(m.normRatio() < 0.15, naive + " is about a tenth as long: " + m.normRatio());
        }
        Run run = train(c.spec());
        assertTrue(run.finalCost(PER_EXAMPLE) < 0.01, "the correct copy learns XOR");
        assertEquals(c.cost(), run.cost(PER_EXAMPLE, 0), EXACT, "{{cost}} is where training starts");
        assertEquals(0.22, run.cost(PER_EXAMPLE, 62), 0.005, "the cost the text types at step 62");
        for (Procedure naive : List.of(MEAN_INPUT, MEAN_ERROR)) {
            assertEquals(Math.log(2), run.finalCost(naive), 0.01, naive + " stays at about ln 2");
            assertEquals(run.cost(naive, 0), run.finalCost(naive), 0.01, naive + " stays where it started");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sigmoid", "tanh", "relu"})
    void f5EveryHiddenLayerIsWrongForEachNonLinearActivation(String act) {
        Comparison c = compare("f5-nonlinear", "act=" + act);
        for (Procedure naive : List.of(MEAN_INPUT, MEAN_ERROR)) {
            double[] perLayer = metrics(c, naive).perLayerRelativeError();
            for (int l = 1; l < c.model().layers(); l++) {
                assertTrue(perLayer[l - 1] > WRONG, naive + " with " + act + ", layer " + l + ": " + perLayer[l - 1]);
            }
        }
    }

    @Test
    void f5TryThisWithTheLinearLossOnlyTheTopLayerOfMeanErrorBecomesExact() {
        Comparison c = compare("f5-nonlinear", "loss=linear");
        int layers = c.model().layers();
        double[] meanError = metrics(c, MEAN_ERROR).perLayerRelativeError();
        double[] meanInput = metrics(c, MEAN_INPUT).perLayerRelativeError();
        assertTrue(meanError[layers - 1] <= EXACT, "the top layer is exact: " + meanError[layers - 1]);
        for (int l = 1; l < layers; l++) {
            assertTrue(meanError[l - 1] > 5e-3, "mean-error layer " + l + " below tanh: " + meanError[l - 1]);
        }
        for (int l = 1; l <= layers; l++) {
            assertTrue(meanInput[l - 1] > 5e-3, "mean-input layer " + l + ": " + meanInput[l - 1]);
        }
        int last = layers;
        assertTrue(rel(grad(c, MEAN_INPUT).b(last), grad(c, PER_EXAMPLE).b(last)) <= EXACT, "only its output bias");
    }

    @Test
    void f7UnequalMicroBatchesMakeMeanOfMeansDifferFromAccumulateByTheReweighting() {
        Comparison c = compare("f7-accumulation");
        int[] sizes = c.spec().microSizes();
        assertTrue(sizes.length >= 2 && java.util.Arrays.stream(sizes).distinct().count() > 1, "unequal sizes");
        assertTrue(c.spec().naive().isEmpty(), "the lesson compares accumulation only");
        assertTrue(metrics(c, ACCUMULATE).relativeError() <= EXACT, "accumulate is the correct gradient");
        Metrics mom = metrics(c, MEAN_OF_MEANS);
        assertTrue(mom.angleDegrees() < 10 && mom.relativeError() > 0.1, "a small angle, but a wrong vector");
        for (double e : mom.perLayerRelativeError()) {
            assertTrue(e > 0.1, "wrong in every layer: " + e);
        }

        // (1/K) Σ_k m_k, and its difference from accumulate Σ_k (1/K − n_k/N)(m_k − ∇J), from the slices
        Model model = c.model();
        Batch batch = c.batch();
        int n = batch.size();
        int k = sizes.length;
        Parameters correct = grad(c, PER_EXAMPLE);
        Parameters expected = correct.zerosLike();
        Parameters difference = correct.zerosLike();
        int from = 0;
        for (int size : sizes) {
            Parameters mk = new PerExample().gradient(model, c.theta(), batch.slice(from, from + size));
            expected.addScaled(1.0 / k, mk);
            Parameters centred = mk.copy();
            centred.addScaled(-1, correct);
            difference.addScaled(1.0 / k - (double) size / n, centred);
            from += size;
        }
        assertTrue(rel(grad(c, MEAN_OF_MEANS).flat(), expected.flat()) <= 1e-12, "mean-of-means = (1/K) Σ m_k");
        Parameters actual = grad(c, MEAN_OF_MEANS).copy();
        actual.addScaled(-1, grad(c, ACCUMULATE));
        assertTrue(rel(actual.flat(), difference.flat()) <= 1e-10, "the difference is the reweighting");

        Run run = train(c.spec());
        assertEquals(run.finalCost(PER_EXAMPLE), run.finalCost(MEAN_OF_MEANS), 0.01 * run.finalCost(PER_EXAMPLE),
                "the cost curves almost coincide");
        double lowest = 1;
        for (Trainer.Record r : run.records()) {
            double cosine = r.copies().get(MEAN_OF_MEANS).cosine();
            if (!Double.isNaN(cosine)) {
                lowest = Math.min(lowest, cosine);
            }
        }
        assertTrue(lowest < 0, "the cosine of mean-of-means swings below zero: " + lowest);
        assertTrue(run.records().stream().filter(r -> r.step() == 25).findFirst().orElseThrow()
                .copies().get(MEAN_OF_MEANS).cosine() < 0.3, "below 0.3 by step 25");
    }

    @Test
    void f7TryThisEqualMicroBatchesMakeMeanOfMeansEqualAccumulate() {
        for (String micro : List.of("16,16", "8,8,8,8")) {
            Comparison c = compare("f7-accumulation", "micro=" + micro);
            double e = rel(grad(c, MEAN_OF_MEANS).flat(), grad(c, ACCUMULATE).flat());
            assertTrue(e <= EXACT, micro + ": " + e);
            assertTrue(metrics(c, MEAN_OF_MEANS).relativeError() <= EXACT, micro);
        }
        Run run = train(spec("f7-accumulation", "micro=16,16"));
        assertEquals(run.finalCost(PER_EXAMPLE), run.finalCost(MEAN_OF_MEANS), 1e-12);
    }
}
