package gradlab.engine;

import java.util.Random;
import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;

/** Seeded networks and batches for the engine's tests, with targets that suit each loss. */
final class Fixtures {
    private Fixtures() {
    }

    /** θ0 of the model, then biases drawn from N(0, 0.1²), so that no z sits exactly on a kink. */
    static Parameters theta(Model model, long seed) {
        Parameters theta = model.initial(new SplittableRandom(seed));
        Random r = new Random(seed + 7);
        for (int l = 1; l <= theta.layers(); l++) {
            double[] b = theta.b(l).data;
            for (int i = 0; i < b.length; i++) {
                b[i] = 0.1 * r.nextGaussian();
            }
        }
        return theta;
    }

    /** N examples with inputs from N(0, 1) and targets suited to the loss. */
    static Batch batch(Model model, int n, long seed) {
        Random r = new Random(seed);
        DMatrixRMaj x = new DMatrixRMaj(n, model.inputs());
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = r.nextGaussian();
        }
        int k = model.outputs();
        DMatrixRMaj y = new DMatrixRMaj(n, k);
        for (int i = 0; i < n; i++) {
            switch (model.loss()) {
                case BCE -> {
                    for (int j = 0; j < k; j++) {
                        y.data[i * k + j] = r.nextDouble();
                    }
                }
                case CE -> y.data[i * k + r.nextInt(k)] = 1.0;
                default -> {
                    for (int j = 0; j < k; j++) {
                        y.data[i * k + j] = 1.5 * r.nextGaussian();
                    }
                }
            }
        }
        return new Batch(x, y);
    }

    /** ‖a − b‖ / ‖b‖, 0 when both are zero. */
    static double relative(double[] a, double[] b) {
        return Metrics.relativeError(a, b);
    }

    static double relative(Parameters a, Parameters b) {
        return relative(a.flat(), b.flat());
    }
}
