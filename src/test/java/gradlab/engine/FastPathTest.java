package gradlab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import gradlab.engine.kernel.Kernel;
import gradlab.engine.kernel.PlainKernel;

/**
 * The fast paths give the numbers of the plain ones: both kernels agree with per-example, and
 * reused buffers never leak values from one call into the next.
 */
class FastPathTest {
    private static final double SAME = 1e-12;

    @Test
    void bothKernelsGiveTheSameGradientAsPerExample() {
        for (Activation act : Activation.values()) {
            for (int[] hidden : new int[][] {{}, {5}, {64, 64}, {9, 17, 3}}) {
                Model model = Model.of(3, hidden, 2, act, Loss.MSE);
                Parameters theta = Fixtures.theta(model, 3);
                Batch batch = Fixtures.batch(model, 37, 4);
                Parameters correct = new PerExample().gradient(model, theta, batch);
                Parameters plain = new Batched(new PlainKernel()).gradient(model, theta, batch);
                Parameters best = new Batched(Kernel.best()).gradient(model, theta, batch);
                assertTrue(Fixtures.relative(plain, correct) <= 1e-10, act + " plain");
                assertTrue(Fixtures.relative(best, plain) <= SAME, act + " vector vs plain: "
                        + Fixtures.relative(best, plain));
            }
        }
    }

    @Test
    void anEvaluationIsTheCostAndTheGradientComputedApart() {
        for (Activation act : new Activation[] {Activation.TANH, Activation.RELU}) {
            Model model = Model.of(2, new int[] {16, 8}, 3, act, Loss.CE);
            Parameters theta = Fixtures.theta(model, 11);
            Batch batch = Fixtures.batch(model, 40, 12);
            for (GradientProcedure p : new GradientProcedure[] {new Batched(), new BatchedMeanError(), new MeanError(),
                    new MeanInput(), new PerExample()}) {
                GradientProcedure.Evaluation e = p.evaluate(model, theta, batch, new Workspaces());
                assertEquals(model.cost(theta, batch), e.cost(), act + " " + p.procedure() + " cost");
                assertArrayEquals(p.gradient(model, theta, batch).flat(), e.gradient().flat(), act + " " + p.procedure());
            }
        }
    }

    @Test
    void reusedBuffersDoNotLeakBetweenCalls() throws Exception {
        Model model = Model.of(2, new int[] {16, 8}, 1, Activation.TANH, Loss.MSE);
        Model other = Model.of(2, new int[] {4}, 3, Activation.RELU, Loss.CE);
        // the same shape with another φ: tanh's workspace keeps no hidden Z, this one's does
        Model sigmoid = Model.of(2, new int[] {16, 8}, 1, Activation.SIGMOID, Loss.MSE);
        Parameters theta = Fixtures.theta(model, 1);
        Parameters theta2 = Fixtures.theta(model, 2);
        Parameters thetaOther = Fixtures.theta(other, 3);
        Batch a = Fixtures.batch(model, 50, 5);
        Batch b = Fixtures.batch(model, 50, 6);
        Batch c = Fixtures.batch(model, 13, 7);
        Batch d = Fixtures.batch(other, 50, 8);
        // fresh answers, each from an object of its own (a new workspace every time)
        ExecutorService fresh = Executors.newCachedThreadPool();
        try {
            Parameters[] expected = {
                    fresh.submit(() -> new Batched().gradient(model, theta, a)).get(),
                    fresh.submit(() -> new Batched().gradient(model, theta2, b)).get(),
                    fresh.submit(() -> new Batched().gradient(model, theta, c)).get(),
                    fresh.submit(() -> new Batched().gradient(other, thetaOther, d)).get(),
                    fresh.submit(() -> new Batched().gradient(sigmoid, theta, a)).get(),
                    fresh.submit(() -> new BatchedMeanError().gradient(model, theta2, b)).get()};
            double[] costs = {
                    fresh.submit(() -> model.cost(theta, a)).get(), fresh.submit(() -> model.cost(theta2, b)).get()};
            Batched batched = new Batched();
            BatchedMeanError meanError = new BatchedMeanError();
            Workspaces buffers = new Workspaces();
            for (int round = 0; round < 5; round++) {
                // alternate batches, parameters, sizes and shapes on this one thread
                assertSame(expected[0], batched.gradient(model, theta, a));
                assertTrue(Math.abs(model.cost(theta2, b, buffers) - costs[1]) <= SAME * Math.abs(costs[1]));
                assertSame(expected[1], batched.gradient(model, theta2, b));
                assertSame(expected[2], batched.gradient(model, theta, c));
                assertSame(expected[3], batched.gradient(other, thetaOther, d));
                assertSame(expected[4], batched.gradient(sigmoid, theta, a));
                assertSame(expected[5], meanError.gradient(model, theta2, b));
                assertTrue(Math.abs(model.cost(theta, a, buffers) - costs[0]) <= SAME * Math.abs(costs[0]));
            }
        } finally {
            fresh.shutdown();
        }
    }

    @Test
    void theFastTanhIsTanhToAFewUlps() {
        java.util.Random r = new java.util.Random(9);
        for (int i = 0; i < 200_000; i++) {
            double x = (2 * r.nextDouble() - 1) * Math.pow(10, r.nextInt(7) - 5) * 25;
            double expected = StrictMath.tanh(x);
            double got = Activation.tanh(x);
            assertTrue(Math.abs(got - expected) <= 1e-14 * Math.abs(expected) + Double.MIN_NORMAL, x + ": " + got);
        }
    }

    private static void assertSame(Parameters expected, Parameters actual) {
        assertTrue(Fixtures.relative(actual, expected) <= SAME, () -> "reuse changed the gradient: "
                + Fixtures.relative(actual, expected));
    }
}
