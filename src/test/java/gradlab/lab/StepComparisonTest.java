package gradlab.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import gradlab.data.DataSet;
import gradlab.engine.Batch;
import gradlab.engine.Metrics;
import gradlab.engine.MinibatchSequence;
import gradlab.engine.Procedure;
import gradlab.engine.Trainer;

/**
 * DESIGN's "The comparison at a training step": {@code at=k} is the comparison at θ_k of the
 * {@code along} copy, on the minibatch of its step k + 1. Checked from outside, as a user with
 * the JSON would: each θ_k is θ_{k−1} − lr × the copy's own gradient at k − 1; with full
 * batches J at k is the training stream's cost at step k; θ_k is the training run's own θ.
 */
class StepComparisonTest {

    private static final String XOR = "data=xor&n=32&seed=2&hidden=4&act=tanh&loss=bce&lr=0.5&steps=40&batch=8";

    private static LabSpec spec(String query) {
        return LabSpec.parse(query, Limits.DEFAULT, Uploads.NONE);
    }

    private static Comparison compare(String query) {
        return Comparison.compute(spec(query), Limits.DEFAULT, Uploads.NONE);
    }

    private static double norm(double[] v) {
        return Metrics.norm(v);
    }

    @Test
    void atZeroIsTodaysComparisonByteForByte() {
        for (String q : List.of(XOR, XOR + "&micro=3,5", "data=sine&hidden=8,8&act=relu&loss=huber", "")) {
            String before = LabJson.compare(compare(q));
            assertEquals(before, LabJson.compare(compare(q + "&at=0")), q);
            // along does not matter at θ0, but for the spec it reports
            String alongMeanError = LabJson.compare(compare(q + "&at=0&along=mean-error"));
            assertEquals(before.replace("\"along\":\"per-example\"", "\"along\":\"mean-error\""), alongMeanError, q);
        }
        Comparison c = compare(XOR);
        assertEquals(0, c.spec().at());
        assertEquals(Procedure.PER_EXAMPLE, c.spec().along());
    }

    /** ‖θ_k − (θ_{k−1} − lr·g(at=k−1))‖ / ‖θ_k‖ for the copy, from two comparisons alone. */
    private static double stepRule(String query, int k) {
        Comparison previous = compare(query + "&at=" + (k - 1));
        Comparison current = compare(query + "&at=" + k);
        Procedure along = current.spec().along();
        double lr = current.spec().lr();
        double[] before = previous.theta().flat();
        double[] g = previous.gradients().get(along).flat();
        double[] now = current.theta().flat();
        double[] diff = new double[now.length];
        for (int j = 0; j < now.length; j++) {
            diff[j] = now[j] - (before[j] - lr * g[j]);
        }
        assertTrue(norm(now) > 0);
        // a step that moves nothing would pass trivially
        assertTrue(norm(g) > 0, along + " moves θ at step " + (k - 1));
        return norm(diff) / norm(now);
    }

    @ParameterizedTest(name = "along={0} {1}")
    @CsvSource(delimiter = '|', value = {
            "per-example   | ",
            "per-example   | &micro=3,5",
            "mean-error    | ",
            "mean-error    | &micro=2,6",
            "mean-input    | ",
            "mean-input    | &micro=4,4",
            "mean-of-means | &micro=3,5",
            "mean-of-means | &micro=1,7"})
    void eachStepIsTheLastMinusLrTimesTheCopysOwnGradient(String along, String micro) {
        String q = XOR + (micro == null ? "" : micro) + "&along=" + along;
        for (int k : new int[] {1, 2, 7, 23, 100, 101, 157}) {
            double r = stepRule(q, k);
            assertTrue(r <= 1e-12, () -> "along=" + along + ": θ_" + k + " is not θ_" + (k - 1) + " − lr·g: " + r);
        }
    }

    @Test
    void theBatchAtStepKIsTheMinibatchOfStepKPlusOneInTheSeededSequence() {
        LabSpec s = spec(XOR);
        DataSet data = LabData.load(s, Uploads.NONE);
        // the sequence drawn here minibatch by minibatch, as the trainer draws it
        MinibatchSequence sequence = new MinibatchSequence(s.n(), s.batch(), Seeds.MINIBATCHES.random(s.seed()));
        List<int[]> order = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            order.add(sequence.next());
        }
        for (int k : new int[] {0, 1, 3, 4, 5, 29}) {
            Batch expected = LabData.batch(data).rows(order.get(k));
            Batch got = compare(XOR + "&at=" + k).batch();
            assertArrayEquals(expected.x().data, got.x().data, "x of the minibatch of step " + (k + 1));
            assertArrayEquals(expected.y().data, got.y().data, "y of the minibatch of step " + (k + 1));
        }
        // 32 examples in minibatches of 8: epoch 2 begins at step 5 with a fresh permutation
        assertNotEquals(java.util.Arrays.toString(order.get(0)), java.util.Arrays.toString(order.get(4)));
    }

    @Test
    void thetaAtStepKIsTheTrainingRunsOwnThetaAtStepK() {
        for (int k : new int[] {9, 120}) {
            // a run of k steps ends at θ_k: its last record takes no step after it
            String q = XOR.replace("steps=40", "steps=" + k) + "&micro=3,5";
            LabSpec s = spec(q);
            Trainer trainer = TrainingRun.trainer(s, Limits.DEFAULT, Uploads.NONE);
            Map<Procedure, double[]> last = new HashMap<>();
            trainer.run(r -> {
                if (r.step() == k) {
                    Procedures.copies(s).forEach(p -> last.put(p, trainer.theta(p).flat()));
                }
            }, () -> false);
            assertEquals(4, last.size(), "four copies at step " + k);
            last.forEach((copy, theta) -> {
                double[] replayed = compare(q + "&along=" + copy.id() + "&at=" + k).theta().flat();
                assertArrayEquals(theta, replayed, 0.0, copy + " at step " + k + ": the very numbers of the run");
            });
        }
    }

    @ParameterizedTest
    @CsvSource({"per-example, 5", "per-example, 17", "per-example, 30", "mean-error, 17", "mean-input, 30"})
    void withAFullBatchJAtStepKIsTheTrainingStreamsCostAtStepK(String along, int k) {
        String full = "data=line&n=20&seed=4&hidden=3&act=sigmoid&loss=mse&lr=0.2&steps=30";
        List<Trainer.Record> records = new ArrayList<>();
        TrainingRun.trainer(spec(full), Limits.DEFAULT, Uploads.NONE).run(records::add, () -> false);
        Trainer.Record at = records.stream().filter(r -> r.step() == k).findFirst().orElseThrow();
        double recorded = at.copies().get(Procedure.parse(along).orElseThrow()).cost();
        Comparison c = compare(full + "&along=" + along + "&at=" + k);
        assertEquals(20, c.batch().size(), "the comparison's batch is all the data");
        assertEquals(recorded, c.cost(), 1e-12 * Math.abs(recorded), along + " at step " + k);
        // and the cost did move: step k is not θ0
        assertTrue(Math.abs(c.cost() - compare(full).cost()) > 1e-6 * Math.abs(recorded));
    }

    @Test
    void aStepAtOrPastTheStepWhereTheCopyDivergedIsRefusedOnAtNamingIt() {
        String q = "data=sine&n=32&hidden=8&lr=1000&steps=500&along=mean-input";
        Trainer.Summary summary = TrainingRun.trainer(spec(q), Limits.DEFAULT, Uploads.NONE).run(r -> { }, () -> false);
        int d = summary.copies().get(Procedure.MEAN_INPUT).divergedAtStep();
        assertTrue(d >= 1, "the preset diverges after θ0: " + d);
        Checkpoints kept = new Checkpoints(Checkpoints.DEFAULT_BYTES);
        for (int k : new int[] {d, d + 1, 500, d}) {
            ValidationException e = assertThrows(ValidationException.class, () -> Comparison.compute(spec(q + "&at=" + k),
                    Limits.DEFAULT, LabData.load(spec(q), Uploads.NONE), kept));
            assertEquals("at", e.param());
            assertTrue(e.getMessage().contains("mean-input diverged at step " + d + "; at must be below " + d),
                    e.getMessage());
        }
        // the step before is answered, and its numbers are finite
        Comparison before = compare(q + "&at=" + (d - 1));
        assertTrue(Double.isFinite(before.cost()));
    }
}
