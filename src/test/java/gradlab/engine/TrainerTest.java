package gradlab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import gradlab.lab.DataSource;
import gradlab.data.DataSet;
import gradlab.data.Generator;
import gradlab.lab.Comparison;
import gradlab.lab.LabJson;
import gradlab.lab.LabSpec;
import gradlab.lab.Limits;
import gradlab.lab.Seeds;
import gradlab.lab.TrainingRun;
import gradlab.lab.Uploads;

/**
 * DESIGN.md "Training comparison": the recorded steps, the minibatch sequence, and the
 * trainer checked against a plain SGD loop written here from the spec's seeds.
 */
class TrainerTest {

    /** Strict JSON: no NaN or Infinity tokens, no trailing tokens. */
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    // =====================================================================================
    // Recorded steps: round(j·steps/(R−1)), j = 0..R−1, R = min(steps + 1, 500)
    // =====================================================================================

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 10, 200, 499, 500, 501, 1000, 5000})
    void recordedStepsAreTheRoundedGrid(int steps) {
        int r = Math.min(steps + 1, 500);
        Set<Integer> expected = new TreeSet<>();
        for (int j = 0; j < r; j++) {
            // exact rational j·steps/(R−1), rounded half up
            BigDecimal v = BigDecimal.valueOf((long) j * steps)
                    .divide(BigDecimal.valueOf(r - 1), 0, RoundingMode.HALF_UP);
            expected.add(v.intValueExact());
        }
        assertEquals(r, expected.size(), "the grid has R distinct steps");

        RecordedSteps recorded = new RecordedSteps(steps);
        Set<Integer> actual = new TreeSet<>();
        for (int s = -2; s <= steps + 2; s++) {
            if (recorded.contains(s)) {
                actual.add(s);
            }
        }
        assertEquals(expected, actual);
        assertEquals(r, recorded.count());
        assertTrue(recorded.contains(0));
        assertTrue(recorded.contains(steps));
        assertFalse(recorded.contains(-1));
        assertFalse(recorded.contains(steps + 1));
    }

    @Test
    void recordedStepsRoundToNearestNotDown() {
        // R − 1 is either steps (every step) or 499, which is prime and odd, so exact halves never
        // arise; what matters is rounding to nearest. j = 206, steps = 1000: 206000/499 = 412.83.
        RecordedSteps recorded = new RecordedSteps(1000);
        BigDecimal v = BigDecimal.valueOf(206_000L).divide(BigDecimal.valueOf(499), 0, RoundingMode.HALF_UP);
        assertEquals(413, v.intValueExact());
        assertTrue(recorded.contains(413));
        assertFalse(recorded.contains(412), "412 is not round(j·1000/499) for any j");
    }

    // =====================================================================================
    // The minibatch sequence
    // =====================================================================================

    @Test
    void eachEpochIsAPermutationCutIntoConsecutiveBatches() {
        long seed = 12345;
        MinibatchSequence seq = new MinibatchSequence(10, 3, new SplittableRandom(seed));
        SplittableRandom mirror = new SplittableRandom(seed);
        List<int[]> epochs = new ArrayList<>();
        Set<Integer> skipped = new HashSet<>();
        for (int epoch = 0; epoch < 60; epoch++) {
            int[] perm = MinibatchSequence.permutation(10, mirror);
            assertIsPermutation(perm, 10);
            int[] a = seq.next();
            int[] b = seq.next();
            int[] c = seq.next();
            assertEquals(3, a.length);
            assertEquals(3, b.length);
            assertEquals(3, c.length);
            // consecutive slices of the epoch's permutation, the 10th element skipped
            assertArrayEquals(Arrays.copyOfRange(perm, 0, 3), a);
            assertArrayEquals(Arrays.copyOfRange(perm, 3, 6), b);
            assertArrayEquals(Arrays.copyOfRange(perm, 6, 9), c);
            Set<Integer> seen = new HashSet<>();
            for (int[] batch : List.of(a, b, c)) {
                for (int i : batch) {
                    assertTrue(i >= 0 && i < 10, "index in range: " + i);
                    assertTrue(seen.add(i), "the three batches of an epoch are disjoint");
                }
            }
            assertEquals(9, seen.size());
            int missing = -1;
            for (int i = 0; i < 10; i++) {
                if (!seen.contains(i)) {
                    missing = i;
                }
            }
            assertEquals(perm[9], missing, "the epoch's 10th element is the one skipped");
            skipped.add(missing);
            int[] all = new int[9];
            System.arraycopy(a, 0, all, 0, 3);
            System.arraycopy(b, 0, all, 3, 3);
            System.arraycopy(c, 0, all, 6, 3);
            epochs.add(all);
        }
        for (int e = 1; e < epochs.size(); e++) {
            assertFalse(Arrays.equals(epochs.get(e - 1), epochs.get(e)), "epoch " + e + " is a fresh permutation");
        }
        assertTrue(skipped.size() > 5, "the skipped example changes from epoch to epoch: " + skipped);
    }

    @Test
    void eachEpochCoversEveryExampleWhenBatchDividesN() {
        for (int batch : new int[] {1, 2, 4, 8}) {
            MinibatchSequence seq = new MinibatchSequence(8, batch, new SplittableRandom(3));
            for (int epoch = 0; epoch < 5; epoch++) {
                Set<Integer> seen = new HashSet<>();
                for (int k = 0; k < 8 / batch; k++) {
                    int[] mb = seq.next();
                    assertEquals(batch, mb.length);
                    for (int i : mb) {
                        assertTrue(seen.add(i), "no repeat within an epoch, batch " + batch);
                    }
                }
                assertEquals(8, seen.size(), "every example once per epoch, batch " + batch);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameSequenceAndAnotherSeedAnother() {
        MinibatchSequence a = new MinibatchSequence(17, 5, new SplittableRandom(99));
        MinibatchSequence b = new MinibatchSequence(17, 5, new SplittableRandom(99));
        MinibatchSequence c = new MinibatchSequence(17, 5, new SplittableRandom(100));
        boolean differs = false;
        for (int k = 0; k < 40; k++) {
            int[] x = a.next();
            assertArrayEquals(x, b.next());
            differs |= !Arrays.equals(x, c.next());
        }
        assertTrue(differs);
    }

    @Test
    void skippingMinibatchesLeavesTheSequenceWhereDrawingThemWould() {
        for (int skipped : new int[] {0, 1, 2, 3, 4, 7, 30}) {
            // 17 examples in minibatches of 5: 3 a epoch, 2 examples left over each time
            MinibatchSequence drawn = new MinibatchSequence(17, 5, new SplittableRandom(99));
            MinibatchSequence skipping = new MinibatchSequence(17, 5, new SplittableRandom(99));
            for (int k = 0; k < skipped; k++) {
                drawn.next();
            }
            skipping.skip(skipped);
            for (int k = 0; k < 8; k++) {
                assertArrayEquals(drawn.next(), skipping.next(), "minibatch " + (skipped + k + 1));
            }
        }
    }

    @Test
    void wholeBatchEpochsAreFreshPermutations() {
        MinibatchSequence seq = new MinibatchSequence(12, 12, new SplittableRandom(5));
        int[] previous = seq.next();
        assertIsPermutation(previous, 12);
        for (int e = 0; e < 20; e++) {
            int[] next = seq.next();
            assertIsPermutation(next, 12);
            assertFalse(Arrays.equals(previous, next));
            previous = next;
        }
    }

    private static void assertIsPermutation(int[] p, int n) {
        assertEquals(n, p.length);
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < n; i++) {
            assertEquals(i, sorted[i]);
        }
    }

    // =====================================================================================
    // The trainer against a plain SGD loop
    // =====================================================================================

    private static LabSpec spec(String query) {
        return LabSpec.parse(query, Limits.DEFAULT, Uploads.NONE);
    }

    private static final class Run {
        final List<Trainer.Record> records = new ArrayList<>();
        Trainer.Summary summary;
    }

    private static Run train(String query, Limits limits, java.util.function.BooleanSupplier stop) {
        Trainer trainer = TrainingRun.trainer(spec(query), limits, Uploads.NONE);
        Run run = new Run();
        run.summary = trainer.run(run.records::add, stop);
        return run;
    }

    private static Run train(String query) {
        return train(query, Limits.DEFAULT, () -> false);
    }

    /** What the plain loop computes for one copy at every step 0..steps. */
    private static final class Expected {
        final double[] cost;
        final double[] cosine;
        final double[] relativeError;
        int divergedAt = -1;
        /** θ after k updates, for k = 0..steps (null past divergence). */
        final List<Parameters> thetas = new ArrayList<>();

        Expected(int steps) {
            cost = new double[steps + 1];
            cosine = new double[steps + 1];
            relativeError = new double[steps + 1];
            Arrays.fill(cost, Double.NaN);
            Arrays.fill(cosine, Double.NaN);
            Arrays.fill(relativeError, Double.NaN);
        }
    }

    /** The lab of a spec, built from the seeds directly: data, model, θ0, minibatch indices. */
    private static final class Lab {
        final LabSpec spec;
        final Batch all;
        final Model model;
        final Parameters theta0;
        final List<int[]> minibatches = new ArrayList<>();

        Lab(LabSpec spec) {
            this.spec = spec;
            DataSet set = ((DataSource.BuiltIn) spec.data()).generator().generate(spec.n(), spec.noise(),
                    Seeds.DATA.random(spec.seed()), spec.loss() == Loss.CE);
            all = new Batch(set.x(), set.y());
            model = new Model(spec.sizes(set.inputs(), set.targets()), spec.act(), spec.loss());
            theta0 = Parameters.initial(model.sizes(), spec.act(), Seeds.INITIAL_PARAMETERS.random(spec.seed()));
            MinibatchSequence seq = new MinibatchSequence(spec.n(), spec.batch(), Seeds.MINIBATCHES.random(spec.seed()));
            for (int k = 0; k <= spec.steps(); k++) {
                minibatches.add(seq.next());
            }
        }

        GradientProcedure procedure(Procedure id) {
            return switch (id) {
                case PER_EXAMPLE -> new PerExample();
                case MEAN_INPUT -> new MeanInput();
                case MEAN_ERROR -> new MeanError();
                case MEAN_OF_MEANS -> new PlainMeanOfMeans(spec.microSizes());
                default -> throw new IllegalArgumentException(id.id());
            };
        }

        /** θ ← θ − lr·g(θ; minibatch k), with DESIGN's divergence rule checked every step. */
        Expected sgd(Procedure id) {
            GradientProcedure proc = procedure(id);
            PerExample correct = new PerExample();
            boolean naive = id != Procedure.PER_EXAMPLE;
            int steps = spec.steps();
            Expected e = new Expected(steps);
            Parameters theta = theta0.copy();
            for (int k = 0; k <= steps; k++) {
                e.thetas.add(theta.copy());
                Batch mb = all.rows(minibatches.get(k));
                double mbCost = model.cost(theta, mb);
                if (!finite(theta) || !(Double.isFinite(mbCost) && Math.abs(mbCost) <= 1e12)) {
                    e.divergedAt = k;
                    return e;
                }
                e.cost[k] = model.cost(theta, all);
                Parameters g = proc.gradient(model, theta, mb);
                if (naive) {
                    Parameters c = correct.gradient(model, theta, mb);
                    e.cosine[k] = Metrics.cosine(g.flat(), c.flat());
                    e.relativeError[k] = Metrics.relativeError(g.flat(), c.flat());
                }
                if (k < steps) {
                    double[] t = theta.flat();
                    double[] gf = g.flat();
                    Parameters next = theta.zerosLike();
                    for (int j = 0; j < t.length; j++) {
                        next.set(j, t[j] - spec.lr() * gf[j]);
                    }
                    theta = next;
                }
            }
            return e;
        }
    }

    /** (1/K) Σ_k (mean gradient of micro-batch k), micro-batches consecutive, written here. */
    private record PlainMeanOfMeans(int[] sizes) implements GradientProcedure {
        @Override
        public Procedure procedure() {
            return Procedure.MEAN_OF_MEANS;
        }

        @Override
        public Parameters gradient(Model model, Parameters theta, Batch batch) {
            double[] sum = new double[theta.size()];
            int from = 0;
            for (int s : sizes) {
                double[] g = new PerExample().gradient(model, theta, batch.slice(from, from + s)).flat();
                for (int j = 0; j < sum.length; j++) {
                    sum[j] += g[j] / sizes.length;
                }
                from += s;
            }
            Parameters out = theta.zerosLike();
            for (int j = 0; j < sum.length; j++) {
                out.set(j, sum[j]);
            }
            return out;
        }
    }

    private static boolean finite(Parameters p) {
        for (double v : p.flat()) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static void assertRelative(double expected, double actual, double tol, String what) {
        assertTrue(Double.isFinite(actual), what + ": " + actual);
        double scale = Math.max(Math.abs(expected), 1e-300);
        assertTrue(Math.abs(expected - actual) <= tol * scale,
                what + ": expected " + expected + ", got " + actual);
    }

    private static final String SMOOTH =
            "data=sine&n=20&noise=0.2&seed=7&hidden=5&act=tanh&batch=6&micro=2,4&lr=0.1&steps=30";

    @Test
    void recordsComeInOrderWithEveryCopyAtEveryRecordedStep() {
        String query = "data=line&n=8&seed=3&batch=4&micro=1,3&lr=0.05&steps=1000";
        Run run = train(query);
        RecordedSteps recorded = new RecordedSteps(1000);
        List<Integer> expectedSteps = new ArrayList<>();
        for (int s = 0; s <= 1000; s++) {
            if (recorded.contains(s)) {
                expectedSteps.add(s);
            }
        }
        List<Integer> steps = new ArrayList<>();
        for (Trainer.Record r : run.records) {
            steps.add(r.step());
            assertEquals(List.of(Procedure.PER_EXAMPLE, Procedure.MEAN_INPUT, Procedure.MEAN_ERROR, Procedure.MEAN_OF_MEANS),
                    new ArrayList<>(r.copies().keySet()), "every copy, in the API's order, at step " + r.step());
        }
        assertEquals(expectedSteps, steps);
        assertEquals(500, steps.size());
        assertEquals(Trainer.End.COMPLETED, run.summary.end());
        assertEquals(1000, run.summary.steps());
    }

    @Test
    void stepZeroCostIsFullDataJAtTheta0ForEveryCopy() {
        LabSpec spec = spec(SMOOTH);
        Lab lab = new Lab(spec);
        double j0 = lab.model.cost(lab.theta0, lab.all);
        // J over all n examples, written out: (1/N) Σ_i J({i})
        double sum = 0;
        for (int i = 0; i < spec.n(); i++) {
            sum += lab.model.cost(lab.theta0, lab.all.rows(new int[] {i}));
        }
        assertRelative(sum / spec.n(), j0, 1e-12, "J(θ0) as a mean of per-example losses");

        Run run = train(SMOOTH);
        Trainer.Record first = run.records.get(0);
        assertEquals(0, first.step());
        assertEquals(4, first.copies().size());
        for (Map.Entry<Procedure, Trainer.CopyState> e : first.copies().entrySet()) {
            assertFalse(e.getValue().diverged());
            assertEquals(j0, e.getValue().cost(), 1e-12 * Math.abs(j0), e.getKey().id());
        }
    }

    @Test
    void everyCopyMatchesAPlainSgdLoopAtEveryRecordedStep() {
        LabSpec spec = spec(SMOOTH);
        Lab lab = new Lab(spec);
        Run run = train(SMOOTH);
        assertEquals(spec.steps() + 1, run.records.size(), "steps ≤ 499: every step is recorded");
        for (Procedure id : List.of(Procedure.PER_EXAMPLE, Procedure.MEAN_INPUT, Procedure.MEAN_ERROR, Procedure.MEAN_OF_MEANS)) {
            Expected e = lab.sgd(id);
            assertEquals(-1, e.divergedAt, id + " does not diverge in the plain loop");
            for (Trainer.Record r : run.records) {
                Trainer.CopyState s = r.copies().get(id);
                int k = r.step();
                assertFalse(s.diverged(), id + " at " + k);
                assertRelative(e.cost[k], s.cost(), 1e-10, id + " cost at step " + k);
                if (id != Procedure.PER_EXAMPLE) {
                    assertEquals(e.cosine[k], s.cosine(), 1e-9, id + " cosine at step " + k);
                    assertRelative(e.relativeError[k], s.relativeError(), 1e-8, id + " relativeError at step " + k);
                }
            }
            Trainer.CopySummary summary = run.summary.copies().get(id);
            assertEquals(-1, summary.divergedAtStep(), id.id());
            assertRelative(e.cost[spec.steps()], summary.finalCost(), 1e-10, id + " finalCost");
        }
        // the naive copies really are different copies: they end elsewhere than the correct one
        double correct = run.summary.copies().get(Procedure.PER_EXAMPLE).finalCost();
        assertNotEquals(correct, run.summary.copies().get(Procedure.MEAN_ERROR).finalCost());
        assertNotEquals(correct, run.summary.copies().get(Procedure.MEAN_INPUT).finalCost());
    }

    @Test
    void aReplayOfOneCopyReachesThePlainLoopsThetaAndTheMinibatchOfItsNextStep() {
        LabSpec spec = spec(SMOOTH);
        Lab lab = new Lab(spec);
        for (Procedure id : List.of(Procedure.PER_EXAMPLE, Procedure.MEAN_INPUT, Procedure.MEAN_ERROR, Procedure.MEAN_OF_MEANS)) {
            Expected e = lab.sgd(id);
            for (int k : new int[] {0, 1, 13, spec.steps()}) {
                Trainer trainer = TrainingRun.trainer(spec, Limits.DEFAULT, Uploads.NONE);
                List<Integer> passed = new ArrayList<>();
                Trainer.Position p = trainer.replay(id, 0, trainer.setup().theta0(), k, here -> passed.add(here.step()),
                        () -> false);
                assertFalse(p.diverged());
                assertEquals(k, p.step());
                double off = Metrics.relativeError(p.theta().flat(), e.thetas.get(k).flat());
                assertTrue(off <= 1e-12, id + " θ_" + k + " is off the plain loop's by " + off);
                assertArrayEquals(lab.minibatches.get(k), p.minibatch(), id + ": the minibatch of step " + (k + 1));
                assertEquals(k + 1, passed.size(), "every step from 0 to k is passed");
            }
        }
    }

    @Test
    void aReplayFromAMidwayThetaIsTheReplayFromThetaZeroAndAStoppedOneSaysWhereItStands() {
        LabSpec spec = spec(SMOOTH);
        Procedure id = Procedure.MEAN_ERROR;
        Trainer first = TrainingRun.trainer(spec, Limits.DEFAULT, Uploads.NONE);
        Trainer.Position mid = first.replay(id, 0, first.setup().theta0(), 11, here -> { }, () -> false);
        Trainer whole = TrainingRun.trainer(spec, Limits.DEFAULT, Uploads.NONE);
        Trainer.Position direct = whole.replay(id, 0, whole.setup().theta0(), 29, here -> { }, () -> false);
        Trainer rest = TrainingRun.trainer(spec, Limits.DEFAULT, Uploads.NONE);
        Trainer.Position resumed = rest.replay(id, 11, mid.theta(), 29, here -> { }, () -> false);
        assertArrayEquals(direct.theta().flat(), resumed.theta().flat(), 0.0);
        assertArrayEquals(direct.minibatch(), resumed.minibatch());
        // asked to stop before step 5: it stands at θ_5, with the minibatch of step 6
        Trainer stopping = TrainingRun.trainer(spec, Limits.DEFAULT, Uploads.NONE);
        AtomicInteger asked = new AtomicInteger();
        Trainer.Position stopped = stopping.replay(id, 0, stopping.setup().theta0(), 29, here -> { },
                () -> asked.incrementAndGet() == 5);
        assertEquals(5, stopped.step());
        Trainer five = TrainingRun.trainer(spec, Limits.DEFAULT, Uploads.NONE);
        Trainer.Position atFive = five.replay(id, 0, five.setup().theta0(), 5, here -> { }, () -> false);
        assertArrayEquals(atFive.theta().flat(), stopped.theta().flat(), 0.0);
        assertArrayEquals(atFive.minibatch(), stopped.minibatch());
    }

    @Test
    void insideARecordEachCopysThetaIsThetaKOfThatStepNotTheUpdateAfterIt() {
        LabSpec spec = spec(SMOOTH);
        Lab lab = new Lab(spec);
        Trainer trainer = TrainingRun.trainer(spec, Limits.DEFAULT, Uploads.NONE);
        Map<Procedure, List<Parameters>> seen = new LinkedHashMap<>();
        List<Integer> steps = new ArrayList<>();
        trainer.run(r -> {
            steps.add(r.step());
            r.copies().keySet().forEach(id -> seen.computeIfAbsent(id, k -> new ArrayList<>()).add(trainer.theta(id).copy()));
        }, () -> false);
        seen.forEach((id, thetas) -> {
            Expected e = lab.sgd(id);
            for (int i = 0; i < steps.size(); i++) {
                int k = steps.get(i);
                double off = Metrics.relativeError(thetas.get(i).flat(), e.thetas.get(k).flat());
                assertTrue(off <= 1e-12, id + " at the record of step " + k + " is off θ_" + k + " by " + off);
            }
            assertEquals(-1, trainer.divergedAt(id));
            assertEquals(null, trainer.beforeDivergence(id), "no θ before a divergence that did not happen");
        });
    }

    @Test
    void aCopyThatDivergedSaysTheStepAndKeepsTheThetaBeforeIt() {
        String query = "data=line&n=9&batch=2&loss=mse&lr=30&steps=60";
        Lab lab = new Lab(spec(query));
        Expected e = lab.sgd(Procedure.PER_EXAMPLE);
        assertTrue(e.divergedAt > 1);
        Trainer trainer = TrainingRun.trainer(spec(query), Limits.DEFAULT, Uploads.NONE);
        trainer.run(r -> { }, () -> false);
        assertEquals(e.divergedAt, trainer.divergedAt(Procedure.PER_EXAMPLE));
        double off = Metrics.relativeError(trainer.beforeDivergence(Procedure.PER_EXAMPLE).flat(),
                e.thetas.get(e.divergedAt - 1).flat());
        assertTrue(off <= 1e-12, "θ before the divergence is off θ_" + (e.divergedAt - 1) + " by " + off);
    }

    @Test
    void aReplayPastTheStepWhereTheCopyDivergesSaysThatStep() {
        String query = "data=line&n=9&batch=2&loss=mse&lr=30&steps=60";
        Lab lab = new Lab(spec(query));
        Expected e = lab.sgd(Procedure.PER_EXAMPLE);
        assertTrue(e.divergedAt > 0);
        for (int k : new int[] {e.divergedAt, e.divergedAt + 3, 60}) {
            Trainer trainer = TrainingRun.trainer(spec(query), Limits.DEFAULT, Uploads.NONE);
            Trainer.Position p = trainer.replay(Procedure.PER_EXAMPLE, 0, trainer.setup().theta0(), k, here -> { },
                    () -> false);
            assertTrue(p.diverged());
            assertEquals(e.divergedAt, p.divergedAt());
        }
        Trainer trainer = TrainingRun.trainer(spec(query), Limits.DEFAULT, Uploads.NONE);
        Trainer.Position before = trainer.replay(Procedure.PER_EXAMPLE, 0, trainer.setup().theta0(), e.divergedAt - 1,
                here -> { }, () -> false);
        assertFalse(before.diverged());
        assertTrue(before.theta().isFinite());
    }

    @Test
    void naiveMetricsAtStepZeroAreTheComparisonsOnTheFirstMinibatch() {
        LabSpec spec = spec(SMOOTH);
        Lab lab = new Lab(spec);
        Batch first = lab.all.rows(lab.minibatches.get(0));
        Parameters correct = new PerExample().gradient(lab.model, lab.theta0, first);
        Run run = train(SMOOTH);
        Comparison comparison = Comparison.compute(spec, Limits.DEFAULT, Uploads.NONE);
        assertArrayEquals(lab.theta0.flat(), comparison.theta().flat(), "the comparison's θ0");
        assertArrayEquals(first.x().data, comparison.batch().x().data, "epoch 1's first minibatch is the comparison's");
        Trainer.Record zero = run.records.get(0);
        for (Procedure id : List.of(Procedure.MEAN_INPUT, Procedure.MEAN_ERROR)) {
            Parameters naive = lab.procedure(id).gradient(lab.model, lab.theta0, first);
            double cosine = Metrics.cosine(naive.flat(), correct.flat());
            double rel = Metrics.relativeError(naive.flat(), correct.flat());
            Trainer.CopyState s = zero.copies().get(id);
            assertEquals(cosine, s.cosine(), 1e-12, id.id());
            assertRelative(rel, s.relativeError(), 1e-10, id.id());
            assertEquals(comparison.metrics().get(id).cosine(), s.cosine(), 1e-12, id + " vs /api/compare");
            assertRelative(comparison.metrics().get(id).relativeError(), s.relativeError(), 1e-10,
                    id + " vs /api/compare");
            assertTrue(rel > 1e-3, "a non-linear net makes " + id + " wrong: " + rel);
        }
        assertFalse(zero.copies().containsKey(Procedure.BATCHED), "the correct copy is per-example, whatever computes it");
    }

    @Test
    void stopEndsTheRunAfterTheStepsDone() {
        LabSpec spec = spec(SMOOTH);
        Lab lab = new Lab(spec);
        for (int done : new int[] {0, 1, 7, 30}) {
            AtomicInteger asked = new AtomicInteger();
            Run run = train(SMOOTH, Limits.DEFAULT, () -> asked.incrementAndGet() > done);
            if (done < spec.steps() + 1) {
                assertEquals(Trainer.End.STOPPED, run.summary.end(), "stopped after " + done);
                assertEquals(done, run.summary.steps(), "steps done");
                assertEquals(done, run.records.size(), "a record per step done (every step is recorded)");
                for (int i = 0; i < run.records.size(); i++) {
                    assertEquals(i, run.records.get(i).step());
                }
                // the correct copy stopped at θ after `done` updates
                Expected e = lab.sgd(Procedure.PER_EXAMPLE);
                assertRelative(e.cost[done], run.summary.copies().get(Procedure.PER_EXAMPLE).finalCost(), 1e-10,
                        "finalCost after " + done + " updates");
            }
        }
        AtomicInteger asked = new AtomicInteger();
        Run never = train(SMOOTH, Limits.DEFAULT, () -> asked.incrementAndGet() < 0);
        assertEquals(Trainer.End.COMPLETED, never.summary.end());
        assertEquals(spec.steps(), never.summary.steps());
        assertEquals(spec.steps() + 1, never.records.size());
    }

    @Test
    void aTinyWorkBudgetEndsTheRunAsBudget() {
        Limits tiny = new Limits(10_000, 6, 64, 384, 5_000, 50_000_000L, 1L);
        Run run = train(SMOOTH, tiny, () -> false);
        assertEquals(Trainer.End.BUDGET, run.summary.end());
        assertTrue(run.summary.steps() < 30, "ended early: " + run.summary.steps());
        for (Trainer.Record r : run.records) {
            assertTrue(r.step() < run.summary.steps(), "no record past the steps done: " + r.step());
        }
        assertTrue(LabJson.summary(run.summary).contains("\"end\":\"budget\""));

        Limits ample = new Limits(10_000, 6, 64, 384, 5_000, 50_000_000L, Long.MAX_VALUE);
        assertEquals(Trainer.End.COMPLETED, train(SMOOTH, ample, () -> false).summary.end());
    }

    // =====================================================================================
    // Divergence
    // =====================================================================================

    @ParameterizedTest
    @ValueSource(strings = {"data=line&loss=mse&lr=100&steps=50", "data=line&loss=mse&lr=100&steps=1000",
            "data=line&n=9&batch=2&loss=mse&lr=30&steps=60"})
    void divergenceIsReportedOnceAndTheFinalCostIsFinite(String query) throws Exception {
        LabSpec spec = spec(query);
        Lab lab = new Lab(spec);
        Run run = train(query);
        assertEquals(Trainer.End.COMPLETED, run.summary.end());
        assertEquals(spec.steps(), run.summary.steps());

        Expected correct = lab.sgd(Procedure.PER_EXAMPLE);
        assertTrue(correct.divergedAt > 0, "lr " + spec.lr() + " makes the correct copy diverge");

        for (Procedure id : run.records.get(0).copies().keySet()) {
            Expected e = lab.sgd(id);
            Trainer.CopySummary summary = run.summary.copies().get(id);
            assertEquals(e.divergedAt, summary.divergedAtStep(), id + " diverges where DESIGN's rule says");

            int firstDivergedRecord = -1;
            double lastReported = Double.NaN;
            for (Trainer.Record r : run.records) {
                Trainer.CopyState s = r.copies().get(id);
                if (firstDivergedRecord >= 0) {
                    assertTrue(s.diverged(), id + " stays diverged at " + r.step());
                }
                if (s.diverged()) {
                    if (firstDivergedRecord < 0) {
                        firstDivergedRecord = r.step();
                    }
                    assertTrue(Double.isNaN(s.cost()), id + " has no cost once diverged, step " + r.step());
                } else {
                    assertTrue(Double.isFinite(s.cost()), id + " at " + r.step());
                    assertRelative(e.cost[r.step()], s.cost(), 1e-9, id + " cost at " + r.step());
                    lastReported = s.cost();
                }
            }
            if (e.divergedAt < 0) {
                assertEquals(-1, firstDivergedRecord, id.id());
                continue;
            }
            // the first record at or after the divergence step says so
            int firstRecordedAfter = -1;
            for (Trainer.Record r : run.records) {
                if (r.step() >= e.divergedAt) {
                    firstRecordedAfter = r.step();
                    break;
                }
            }
            assertEquals(firstRecordedAfter, firstDivergedRecord, id.id());
            if (spec.steps() <= 499) {
                assertEquals(summary.divergedAtStep(), firstDivergedRecord, id + ": recorded every step");
            }

            // finalCost: the last finite full-data J — at θ before the diverging step, or at the
            // diverging step's θ when that is still finite with a finite J
            double finalCost = summary.finalCost();
            assertTrue(Double.isFinite(finalCost), id + " finalCost " + finalCost);
            double before = lab.model.cost(e.thetas.get(e.divergedAt - 1), lab.all);
            Parameters at = e.thetas.get(e.divergedAt);
            double atCost = finite(at) ? lab.model.cost(at, lab.all) : Double.NaN;
            boolean matches = Math.abs(finalCost - before) <= 1e-9 * Math.abs(before)
                    || (Double.isFinite(atCost) && Math.abs(finalCost - atCost) <= 1e-9 * Math.abs(atCost));
            assertTrue(matches, id + ": finalCost " + finalCost + " is neither J before divergence " + before
                    + " nor J at the divergence step " + atCost);
            if (spec.steps() <= 499) {
                assertRelative(before, lastReported, 1e-9, id + " last reported cost");
            }
        }

        for (Trainer.Record r : run.records) {
            String json = LabJson.record(r);
            assertFalse(json.contains("NaN") || json.contains("Infinity"), json);
            JsonNode node = STRICT.readTree(json);
            assertEquals(r.step(), node.get("step").asInt());
            r.copies().forEach((id, s) -> {
                JsonNode o = node.get("procedures").get(id.id());
                assertEquals(s.diverged(), o.get("diverged").asBoolean(), json);
                if (s.diverged()) {
                    assertEquals(1, o.size(), "a diverged copy holds only \"diverged\": " + json);
                } else {
                    assertTrue(o.get("cost").isNumber(), json);
                    assertEquals(s.cost(), o.get("cost").asDouble(), 0.0, json);
                }
            });
        }
        String json = LabJson.summary(run.summary);
        assertFalse(json.contains("NaN") || json.contains("Infinity"), json);
        JsonNode procedures = STRICT.readTree(json).get("summary").get("procedures");
        run.summary.copies().forEach((id, c) -> {
            JsonNode o = procedures.get(id.id());
            assertTrue(o.get("finalCost").isNumber(), json);
            assertEquals(c.finalCost(), o.get("finalCost").asDouble(), 0.0);
            if (c.diverged()) {
                assertEquals(c.divergedAtStep(), o.get("divergedAtStep").asInt(), json);
            } else {
                assertTrue(o.get("divergedAtStep").isNull(), json);
            }
        });
    }

    // =====================================================================================
    // F3: a linear cost on a linear network — every copy trains the same way
    // =====================================================================================

    @Test
    void linearCostOnALinearNetworkTrainsEveryCopyAlikeAndWithoutBound() {
        String query = "data=sine&hidden=4,4&act=identity&loss=linear&lr=0.01&steps=20";
        Run run = train(query);
        assertEquals(21, run.records.size());
        Map<Procedure, Double> previous = new LinkedHashMap<>();
        for (Trainer.Record r : run.records) {
            double reference = r.copies().get(Procedure.PER_EXAMPLE).cost();
            assertEquals(List.of(Procedure.PER_EXAMPLE, Procedure.MEAN_INPUT, Procedure.MEAN_ERROR), new ArrayList<>(r.copies().keySet()));
            for (Map.Entry<Procedure, Trainer.CopyState> e : r.copies().entrySet()) {
                Procedure id = e.getKey();
                Trainer.CopyState s = e.getValue();
                assertFalse(s.diverged(), id.id());
                assertEquals(reference, s.cost(), 1e-9 * Math.max(1, Math.abs(reference)),
                        id + " cost at step " + r.step());
                if (id.isNaive()) {
                    assertEquals(1.0, s.cosine(), 1e-9, id + " cosine at step " + r.step());
                    assertEquals(0.0, s.relativeError(), 1e-9, id + " relativeError at step " + r.step());
                }
                if (previous.containsKey(id)) {
                    assertTrue(s.cost() < previous.get(id), id + " keeps falling at step " + r.step()
                            + ": " + s.cost() + " after " + previous.get(id));
                }
                previous.put(id, s.cost());
            }
        }
    }

    @Test
    void aHugeExampleOutsideTheMinibatchMakesTheRecordDivergedNotInfinite() {
        Model model = new Model(new int[] {1, 1}, Activation.TANH, Loss.MSE);
        Parameters theta0 = Parameters.zeros(new int[] {1, 1});
        theta0.w(1).set(0, 0, 1.0);
        org.ejml.data.DMatrixRMaj x = new org.ejml.data.DMatrixRMaj(new double[][] {{0.5}, {1e200}});
        org.ejml.data.DMatrixRMaj y = new org.ejml.data.DMatrixRMaj(2, 1);
        Batch data = new Batch(x, y);
        List<Trainer.Record> records = new java.util.ArrayList<>();
        Trainer.Summary summary = new Trainer(new Trainer.Setup(model, theta0, data,
                new MinibatchSequence(2, 1, new java.util.SplittableRandom(0)),
                List.of(new Trainer.Copy(Procedure.PER_EXAMPLE, new PerExample())), new Batched(), 0.01, 3, Long.MAX_VALUE, true))
                .run(records::add, () -> false);
        assertTrue(records.get(0).copies().get(Procedure.PER_EXAMPLE).diverged(), "J over all data is infinite at step 0");
        assertEquals(0, summary.copies().get(Procedure.PER_EXAMPLE).divergedAtStep());
        for (Trainer.Record r : records) {
            assertFalse(gradlab.lab.LabJson.record(r).contains("Infinity"));
        }
    }
}
