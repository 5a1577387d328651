package gradlab.engine;

import java.util.Arrays;

/**
 * finite-difference (check): central differences of J,
 * ∂J/∂θ_j ≈ (J(θ + h e_j) − J(θ − h e_j)) / 2h with h = 1e-6 · max(1, |θ_j|).
 * Two forward passes per scalar, so only for small networks. It also notes whether any
 * step crossed a kink (a relu z or an mae residual changing side), where J is not
 * differentiable and the difference measures the mean of the one-sided slopes.
 */
public final class FiniteDifference implements GradientProcedure {
    @Override
    public Procedure procedure() {
        return Procedure.FINITE_DIFFERENCE;
    }

    @Override
    public Parameters gradient(Model model, Parameters theta, Batch batch) {
        return run(model, theta, batch).gradient();
    }

    /** The finite-difference gradient, and whether a kink lies within a step of θ. */
    public Result run(Model model, Parameters theta, Batch batch) {
        Parameters probe = theta.copy();
        Parameters grad = theta.zerosLike();
        byte[] sides = BatchForward.run(model, theta, batch.x()).kinkSides(batch.y());
        // a quantity exactly at its kink at θ is moved across it by the step of its own bias
        boolean atKink = contains(sides, (byte) 0);
        for (int j = 0; j < probe.size(); j++) {
            double t = probe.get(j);
            double h = 1e-6 * Math.max(1.0, Math.abs(t));
            probe.set(j, t + h);
            BatchForward plus = BatchForward.run(model, probe, batch.x());
            probe.set(j, t - h);
            BatchForward minus = BatchForward.run(model, probe, batch.x());
            probe.set(j, t);
            grad.set(j, (plus.cost(batch.y()) - minus.cost(batch.y())) / (2 * h));
            atKink |= !Arrays.equals(sides, plus.kinkSides(batch.y()))
                    || !Arrays.equals(sides, minus.kinkSides(batch.y()));
        }
        return new Result(grad, atKink);
    }

    private static boolean contains(byte[] a, byte v) {
        for (byte b : a) {
            if (b == v) {
                return true;
            }
        }
        return false;
    }

    /** A finite-difference gradient and whether it was taken across a kink. */
    public record Result(Parameters gradient, boolean atKink) {
    }
}
