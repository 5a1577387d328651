package gradlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast mean-error (means from one batched forward pass) agrees with the reference one (a
 * forward pass per example, the traces averaged, one backward pass) to 1e-12 relative, in the
 * gradient and in J, on every loss × activation × depth.
 */
class BatchedMeanErrorTest {
    private static final double SAME = 1e-12;
    private static final int[][] HIDDEN = {{}, {5}, {6, 4}, {3, 7, 5}};
    /** One example, a few, and more than one block of 64 rows of the kernels. */
    private static final int[] SIZES = {1, 7, 70};

    /** A model, θ and a batch whose targets suit the loss. */
    record Case(Model model, Parameters theta, Batch batch, String targets) {
        @Override
        public String toString() {
            return model + " N=" + batch.size() + " " + targets;
        }
    }

    static Stream<Arguments> grid() {
        List<Arguments> cases = new ArrayList<>();
        long seed = 1;
        for (Loss loss : Loss.values()) {
            for (Activation act : Activation.values()) {
                for (int[] hidden : HIDDEN) {
                    for (int n : SIZES) {
                        seed++;
                        Model model = Model.of(3, hidden, loss == Loss.CE ? 3 : 2, act, loss);
                        Parameters theta = Fixtures.theta(model, seed);
                        // Fixtures: bce targets in [0, 1], ce one-hot, the others any real
                        cases.add(Arguments.of(new Case(model, theta, Fixtures.batch(model, n, seed), "fixtures")));
                        if (loss == Loss.CE) {
                            cases.add(Arguments.of(new Case(model, theta, soft(model, n, seed), "soft")));
                        }
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("grid")
    void theGradientsAgree(Case c) {
        double[] reference = new MeanError().gradient(c.model(), c.theta(), c.batch()).flat();
        double[] fast = new BatchedMeanError().gradient(c.model(), c.theta(), c.batch()).flat();
        assertTrue(Arrays.stream(reference).anyMatch(v -> v != 0), "a zero gradient proves nothing: " + c);
        double e = Fixtures.relative(fast, reference);
        assertTrue(e <= SAME, "batched mean-error differs from mean-error by " + e + " for " + c);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("grid")
    void theEvaluationsAgree(Case c) {
        GradientProcedure.Evaluation reference = new MeanError().evaluate(c.model(), c.theta(), c.batch(),
                new Workspaces());
        GradientProcedure.Evaluation fast = new BatchedMeanError().evaluate(c.model(), c.theta(), c.batch(),
                new Workspaces());
        double e = Fixtures.relative(fast.gradient(), reference.gradient());
        assertTrue(e <= SAME, "the evaluations' gradients differ by " + e + " for " + c);
        // J also against the mean of the per-example losses, which shares no code with the batched pass
        double perExample = 0;
        for (int i = 0; i < c.batch().size(); i++) {
            perExample += Backprop.forward(c.model(), c.theta(), c.batch().x().data, i * c.batch().inputs(),
                    c.batch().y().data, i * c.batch().outputs()).loss();
        }
        perExample /= c.batch().size();
        for (double j : new double[] {reference.cost(), perExample}) {
            assertTrue(Math.abs(fast.cost() - j) <= SAME * Math.abs(j), "J " + fast.cost() + " vs " + j + " for " + c);
        }
    }

    /** The reference is what it says: at N = 1 there is nothing to average, and it is the true gradient. */
    @Test
    void atOneExampleBothAreTheTrueGradient() {
        Model model = Model.of(3, new int[] {6, 4}, 3, Activation.TANH, Loss.CE);
        Parameters theta = Fixtures.theta(model, 5);
        Batch one = Fixtures.batch(model, 1, 6);
        Parameters correct = new PerExample().gradient(model, theta, one);
        assertTrue(Fixtures.relative(new MeanError().gradient(model, theta, one), correct) <= SAME);
        assertTrue(Fixtures.relative(new BatchedMeanError().gradient(model, theta, one), correct) <= SAME);
        assertEquals(new MeanError().procedure(), new BatchedMeanError().procedure());
    }

    /** N soft distributions over the model's classes: every row ≥ 0 and summing to 1. */
    private static Batch soft(Model model, int n, long seed) {
        Random r = new Random(seed + 1000);
        Batch b = Fixtures.batch(model, n, seed);
        int k = model.outputs();
        DMatrixRMaj y = new DMatrixRMaj(n, k);
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                y.data[i * k + j] = r.nextDouble();
                sum += y.data[i * k + j];
            }
            for (int j = 0; j < k; j++) {
                y.data[i * k + j] /= sum;
            }
        }
        return new Batch(b.x(), y);
    }
}
