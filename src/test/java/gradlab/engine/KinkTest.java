package gradlab.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** At θ0 the biases are zero and a dead unit gives z = 0 exactly: finite differences say so. */
class KinkTest {
    @Test
    void deadUnitsAtThetaZeroPutFiniteDifferencesOnAKink() {
        Model model = Model.of(2, new int[] {1, 1}, 1, Activation.RELU, Loss.MSE);
        Batch batch = Fixtures.batch(model, 8, 3);
        Parameters theta0 = model.initial(new SplittableRandom(1));
        // a width-1 relu layer is dead for about half the inputs, so z² = W² · 0 + 0 = 0 exactly
        FiniteDifference.Result fd = new FiniteDifference().run(model, theta0, batch);
        assertTrue(fd.atKink());
        // relu's one-sided slopes at 0 are 0 and 1: the difference measures ½, the gradient uses relu'(0) = 0
        assertTrue(Fixtures.relative(fd.gradient(), new PerExample().gradient(model, theta0, batch)) > 1e-3);
    }

    @Test
    void awayFromKinksTheFlagIsOff() {
        Model model = Model.of(2, new int[] {1, 1}, 1, Activation.RELU, Loss.MSE);
        Batch batch = Fixtures.batch(model, 8, 3);
        assertFalse(new FiniteDifference().run(model, Fixtures.theta(model, 1), batch).atKink());
        Model smooth = Model.of(2, new int[] {3}, 1, Activation.TANH, Loss.MSE);
        assertFalse(new FiniteDifference().run(smooth, smooth.initial(new SplittableRandom(1)), batch).atKink());
    }

    @Test
    void anMaeResidualOfZeroIsAKink() {
        Model model = Model.of(2, new int[0], 1, Activation.IDENTITY, Loss.MAE);
        Parameters theta = Fixtures.theta(model, 4);
        Batch batch = Fixtures.batch(model, 5, 6);
        // make example 0's target equal its prediction, summed in per-example's order: r = 0 exactly there
        double z = theta.b(1).get(0, 0);
        for (int c = 0; c < 2; c++) {
            z += theta.w(1).get(0, c) * batch.x().get(0, c);
        }
        batch.y().set(0, 0, z);
        FiniteDifference.Result fd = new FiniteDifference().run(model, theta, batch);
        assertTrue(fd.atKink());
        // the one-sided slopes of |r| are ±1 and their mean is 0 = sign(0): here they happen to agree
        assertTrue(Fixtures.relative(fd.gradient(), new PerExample().gradient(model, theta, batch)) <= 1e-6);
    }
}
