package gradlab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The facts F1–F7 of DESIGN, each with its exact identity. */
class FactsTest {
    private static final double EXACT = 1e-12;

    @Nested
    class F1OneLayerCovariance {
        /** With no hidden layer, per-example − mean-error = Cov_i(δ_i, x_i) for W (1/N) and 0 for b. */
        @ParameterizedTest(name = "{0}")
        @EnumSource(value = Loss.class, names = {"MSE", "BCE", "CE", "HUBER"})
        void theDifferenceIsTheCovariance(Loss loss) {
            int k = loss == Loss.CE ? 3 : 2;
            Model model = Model.of(3, new int[0], k, Activation.TANH, loss);
            Parameters theta = Fixtures.theta(model, 11);
            Batch batch = Fixtures.batch(model, 9, 12);
            int n = batch.size();

            // δ_i = ∂L_i/∂z_i, written out per loss, independently of the engine
            double[][] delta = new double[n][k];
            for (int i = 0; i < n; i++) {
                double[] z = new double[k];
                for (int r = 0; r < k; r++) {
                    z[r] = theta.b(1).get(r, 0);
                    for (int c = 0; c < 3; c++) {
                        z[r] += theta.w(1).get(r, c) * batch.x().get(i, c);
                    }
                }
                double sumExp = 0;
                for (double zr : z) {
                    sumExp += Math.exp(zr);
                }
                for (int r = 0; r < k; r++) {
                    double y = batch.y().get(i, r);
                    double e = z[r] - y;
                    delta[i][r] = switch (loss) {
                        case MSE -> 2 * e;
                        case BCE -> 1 / (1 + Math.exp(-z[r])) - y;
                        case CE -> Math.exp(z[r]) / sumExp - y;
                        case HUBER -> Math.abs(e) <= 1 ? e : Math.signum(e);
                        default -> throw new AssertionError();
                    };
                }
            }
            Parameters diff = new PerExample().gradient(model, theta, batch);
            diff.addScaled(-1, new MeanError().gradient(model, theta, batch));

            double[] cov = new double[k * 3];
            for (int r = 0; r < k; r++) {
                for (int c = 0; c < 3; c++) {
                    double meanD = 0;
                    double meanX = 0;
                    double meanDX = 0;
                    for (int i = 0; i < n; i++) {
                        meanD += delta[i][r] / n;
                        meanX += batch.x().get(i, c) / n;
                        meanDX += delta[i][r] * batch.x().get(i, c) / n;
                    }
                    cov[r * 3 + c] = meanDX - meanD * meanX;
                }
            }
            assertTrue(Metrics.norm(cov) > 1e-3, "the covariance is not trivially zero here");
            assertTrue(Fixtures.relative(diff.w(1).data, cov) <= EXACT,
                    () -> "per-example − mean-error vs Cov(δ, x): " + Fixtures.relative(diff.w(1).data, cov));
            assertTrue(Metrics.norm(diff.b(1).data) <= EXACT * Metrics.norm(cov), "the bias difference is zero");
        }
    }

    @Nested
    class F2LinearRegression {
        /** f(x) = m x + b with mse: mean-input = mean-error; b exact; Δm = 2·Cov(ŷ − y, x). */
        @Test
        void theSlopeIsOffByExactlyTwiceTheCovariance() {
            Model model = Model.of(1, new int[0], 1, Activation.IDENTITY, Loss.MSE);
            Parameters theta = Fixtures.theta(model, 3);
            Batch batch = Fixtures.batch(model, 20, 4);
            Parameters correct = new PerExample().gradient(model, theta, batch);
            Parameters meanError = new MeanError().gradient(model, theta, batch);
            Parameters meanInput = new MeanInput().gradient(model, theta, batch);

            assertTrue(Fixtures.relative(meanInput, meanError) <= EXACT, "mean-input = mean-error");
            assertEquals(correct.b(1).get(0), meanError.b(1).get(0), EXACT * Math.abs(correct.b(1).get(0)),
                    "the b component is exact");

            double m = theta.w(1).get(0);
            double b = theta.b(1).get(0);
            int n = batch.size();
            double meanR = 0;
            double meanX = 0;
            double meanRX = 0;
            for (int i = 0; i < n; i++) {
                double x = batch.x().get(i, 0);
                double r = m * x + b - batch.y().get(i, 0);
                meanR += r / n;
                meanX += x / n;
                meanRX += r * x / n;
            }
            double twiceCov = 2 * (meanRX - meanR * meanX);
            double dm = correct.w(1).get(0) - meanError.w(1).get(0);
            assertTrue(Math.abs(twiceCov) > 1e-2, "the covariance is not trivially zero here");
            assertEquals(twiceCov, dm, EXACT * Math.abs(twiceCov), "Δm = 2·Cov(ŷ − y, x)");
        }
    }

    @Nested
    class F3LinearCost {
        private final Model linear = Model.of(2, new int[] {4, 3, 5}, 2, Activation.IDENTITY, Loss.LINEAR);

        @Test
        void withIdentityActivationsTheNaiveProceduresAreExactAtDepthThree() {
            Parameters theta = Fixtures.theta(linear, 21);
            Batch batch = Fixtures.batch(linear, 12, 22);
            Parameters correct = new PerExample().gradient(linear, theta, batch);
            assertTrue(Fixtures.relative(new MeanInput().gradient(linear, theta, batch), correct) <= EXACT);
            assertTrue(Fixtures.relative(new MeanError().gradient(linear, theta, batch), correct) <= EXACT);
        }

        @Test
        void meanOfMeansIsExactInTheBiasesOnlyWhenSizesDiffer() {
            Parameters theta = Fixtures.theta(linear, 23);
            Batch batch = Fixtures.batch(linear, 12, 24);
            Parameters correct = new PerExample().gradient(linear, theta, batch);
            Parameters mom = new MeanOfMeans(new MicroBatches(new int[] {2, 10})).gradient(linear, theta, batch);
            for (int l = 1; l <= linear.layers(); l++) {
                assertTrue(Fixtures.relative(mom.b(l).data, correct.b(l).data) <= EXACT, "b" + l + " is exact");
                assertTrue(Fixtures.relative(mom.w(l).data, correct.w(l).data) > 1e-3, "W" + l + " is not");
            }
        }

        @Test
        void withTanhMeanErrorIsExactOnlyInTheLastLayerAndTheLastHiddenBias() {
            Model tanh = Model.of(2, new int[] {4, 3, 5}, 2, Activation.TANH, Loss.LINEAR);
            Parameters theta = Fixtures.theta(tanh, 25);
            Batch batch = Fixtures.batch(tanh, 12, 26);
            Parameters correct = new PerExample().gradient(tanh, theta, batch);
            Parameters meanError = new MeanError().gradient(tanh, theta, batch);
            Parameters meanInput = new MeanInput().gradient(tanh, theta, batch);
            int last = tanh.layers();
            // exact: W^L, b^L, b^{L-1}
            assertTrue(Fixtures.relative(meanError.w(last).data, correct.w(last).data) <= EXACT);
            assertTrue(Fixtures.relative(meanError.b(last).data, correct.b(last).data) <= EXACT);
            assertTrue(Fixtures.relative(meanError.b(last - 1).data, correct.b(last - 1).data) <= EXACT);
            // wrong: every hidden W, and the biases below the last hidden layer
            for (int l = 1; l < last; l++) {
                assertTrue(Fixtures.relative(meanError.w(l).data, correct.w(l).data) > 1e-3, "W" + l + " is wrong");
            }
            for (int l = 1; l < last - 1; l++) {
                assertTrue(Fixtures.relative(meanError.b(l).data, correct.b(l).data) > 1e-3, "b" + l + " is wrong");
            }
            // mean-input is exact only in b^L
            assertTrue(Fixtures.relative(meanInput.b(last).data, correct.b(last).data) <= EXACT);
            for (int l = 1; l <= last; l++) {
                assertTrue(Fixtures.relative(meanInput.w(l).data, correct.w(l).data) > 1e-3, "mean-input W" + l);
                if (l < last) {
                    assertTrue(Fixtures.relative(meanInput.b(l).data, correct.b(l).data) > 1e-3, "mean-input b" + l);
                }
            }
        }

        @Test
        void descendingTheLinearCostLowersItWithoutBound() {
            Parameters theta = Fixtures.theta(linear, 27);
            Batch batch = Fixtures.batch(linear, 12, 28);
            double[] cost = new double[4];
            for (int round = 0; round < cost.length; round++) {
                cost[round] = linear.cost(theta, batch);
                for (int step = 0; step < 20; step++) {
                    theta.addScaled(-0.001, new Batched().gradient(linear, theta, batch));
                }
            }
            // no minimum to slow down at: every round lowers J by more than the one before
            for (int round = 2; round < cost.length; round++) {
                double drop = cost[round - 1] - cost[round];
                double before = cost[round - 2] - cost[round - 1];
                assertTrue(before > 0 && drop > before, "J keeps falling, and faster: " + java.util.Arrays.toString(cost));
            }
        }
    }

    @Nested
    class F4BatchOfOne {
        @ParameterizedTest(name = "{0}")
        @EnumSource(Loss.class)
        void everyNaiveProcedureIsExactWhenNIsOne(Loss loss) {
            for (Activation act : Activation.values()) {
                Model model = Model.of(2, new int[] {5, 3}, loss == Loss.CE ? 3 : 2, act, loss);
                Parameters theta = Fixtures.theta(model, 41);
                Batch one = Fixtures.batch(model, 1, 42);
                Parameters correct = new PerExample().gradient(model, theta, one);
                assertTrue(Metrics.norm(correct.flat()) > 0);
                for (GradientProcedure naive : new GradientProcedure[] {
                        new MeanInput(), new MeanError(), new MeanOfMeans(new MicroBatches(new int[] {1}))}) {
                    assertTrue(Fixtures.relative(naive.gradient(model, theta, one), correct) <= EXACT,
                            naive.procedure() + " with " + act.id());
                }
            }
        }
    }

    @Nested
    class F5NonLinearNetworks {
        @ParameterizedTest(name = "{0}")
        @EnumSource(value = Activation.class, names = {"SIGMOID", "TANH", "RELU"})
        void theNaiveProceduresAreWrongAtEveryLayerBelowANonLinearity(Activation act) {
            Model model = Model.of(2, new int[] {8, 8}, 1, act, Loss.MSE);
            Parameters theta = Fixtures.theta(model, 51);
            Batch batch = Fixtures.batch(model, 16, 52);
            Parameters correct = new PerExample().gradient(model, theta, batch);
            for (GradientProcedure naive : new GradientProcedure[] {new MeanInput(), new MeanError()}) {
                double[] perLayer = Metrics.of(naive.gradient(model, theta, batch), correct).perLayerRelativeError();
                for (int l = 1; l < model.layers(); l++) {
                    assertTrue(perLayer[l - 1] > 1e-2, naive.procedure() + " layer " + l + ": " + perLayer[l - 1]);
                }
            }
        }

        @Test
        void withIdentityActivationsAndMseMeanErrorIsStillWrong() {
            // the loss is non-linear too: the error depends on the example, so averaging it is not enough
            Model model = Model.of(2, new int[] {4}, 1, Activation.IDENTITY, Loss.MSE);
            Parameters theta = Fixtures.theta(model, 53);
            Batch batch = Fixtures.batch(model, 16, 54);
            Parameters correct = new PerExample().gradient(model, theta, batch);
            assertTrue(Fixtures.relative(new MeanError().gradient(model, theta, batch), correct) > 1e-2);
        }
    }

    @Nested
    class F6SameCostDifferentGradient {
        @Test
        void twoPointsOnOneLevelSetOfTheMseHaveDifferentGradients() {
            Model model = Model.of(1, new int[0], 1, Activation.IDENTITY, Loss.MSE);
            Parameters a = Fixtures.theta(model, 61);
            Batch batch = Fixtures.batch(model, 10, 62);
            Parameters descent = new Batched().gradient(model, a, batch);
            descent.scale(-1);
            double level = model.cost(a, batch);
            // J falls along −∇J, then rises again past the minimum: find where it is back at J(θa)
            double lo = 1e-3;
            double hi = 1;
            while (model.cost(along(a, descent, hi), batch) < level) {
                hi *= 2;
            }
            for (int i = 0; i < 200; i++) {
                double mid = 0.5 * (lo + hi);
                if (model.cost(along(a, descent, mid), batch) < level) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            Parameters b = along(a, descent, hi);
            assertEquals(level, model.cost(b, batch), 1e-9 * level, "θb lies on the level set of θa");
            double cosine = Metrics.cosine(new Batched().gradient(model, a, batch).flat(),
                    new Batched().gradient(model, b, batch).flat());
            assertTrue(Math.toDegrees(Math.acos(cosine)) > 10, "the gradients point different ways");
        }

        @Test
        void withTanhAndTheLinearCostASignFlippedUnitGivesTheSameCostAndAnotherGradient() {
            // tanh is odd: flipping a hidden unit's incoming and outgoing weights leaves f, and J, unchanged
            Model model = Model.of(2, new int[] {3}, 1, Activation.TANH, Loss.LINEAR);
            Parameters a = Fixtures.theta(model, 63);
            Batch batch = Fixtures.batch(model, 10, 64);
            Parameters b = a.copy();
            DMatrixRMaj w1 = b.w(1);
            for (int c = 0; c < w1.numCols; c++) {
                w1.set(0, c, -w1.get(0, c));
            }
            b.b(1).set(0, 0, -b.b(1).get(0, 0));
            b.w(2).set(0, 0, -b.w(2).get(0, 0));
            assertEquals(model.cost(a, batch), model.cost(b, batch), 1e-12);
            Parameters ga = new Batched().gradient(model, a, batch);
            Parameters gb = new Batched().gradient(model, b, batch);
            assertTrue(Fixtures.relative(gb, ga) > 0.1, "the gradients differ: no g with ∇J = g(J) exists");
        }

        @Test
        void theLinearCostWithoutHiddenLayersHasOneGradientEverywhere() {
            Model model = Model.of(2, new int[0], 2, Activation.TANH, Loss.LINEAR);
            Batch batch = Fixtures.batch(model, 10, 66);
            double[] first = new Batched().gradient(model, Fixtures.theta(model, 1), batch).flat();
            for (long seed = 2; seed < 10; seed++) {
                Parameters theta = Fixtures.theta(model, seed);
                theta.scale(seed);
                assertArrayEquals(first, new Batched().gradient(model, theta, batch).flat(), 1e-12);
            }
        }

        private Parameters along(Parameters from, Parameters direction, double t) {
            Parameters p = from.copy();
            p.addScaled(t, direction);
            return p;
        }
    }

    @Nested
    class F7Accumulation {
        private final Model model = Model.of(2, new int[] {6}, 1, Activation.TANH, Loss.MSE);

        @Test
        void equalMicroBatchesMakeMeanOfMeansEqualAccumulate() {
            Parameters theta = Fixtures.theta(model, 71);
            Batch batch = Fixtures.batch(model, 12, 72);
            MicroBatches equal = new MicroBatches(new int[] {4, 4, 4});
            Parameters accumulate = new Accumulate(equal).gradient(model, theta, batch);
            assertTrue(Fixtures.relative(new MeanOfMeans(equal).gradient(model, theta, batch), accumulate) <= EXACT);
            assertTrue(Fixtures.relative(accumulate, new PerExample().gradient(model, theta, batch)) <= 1e-10);
        }

        @Test
        void unequalMicroBatchesMakeThemDiffer() {
            Parameters theta = Fixtures.theta(model, 73);
            Batch batch = Fixtures.batch(model, 12, 74);
            MicroBatches unequal = new MicroBatches(new int[] {1, 3, 8});
            Parameters accumulate = new Accumulate(unequal).gradient(model, theta, batch);
            Parameters mom = new MeanOfMeans(unequal).gradient(model, theta, batch);
            assertTrue(Fixtures.relative(mom, accumulate) > 1e-2);
            // the exact weights: n_k/N for accumulate, 1/K for mean-of-means
            Parameters expected = theta.zerosLike();
            int from = 0;
            for (int size : unequal.sizes()) {
                expected.addScaled(1.0 / 3, new PerExample().gradient(model, theta, batch.slice(from, from + size)));
                from += size;
            }
            assertTrue(Fixtures.relative(mom, expected) <= 1e-10);
        }
    }
}
