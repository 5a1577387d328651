package gradlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every correct procedure computes the same gradient: per-example (the textbook loop),
 * batched (one matrix pass), accumulate (micro-batches) and central finite differences,
 * for every loss × activation × depth 0–3 × width {1, 3, 8}.
 */
class CorrectProceduresTest {
    private static final int N = 6;
    private static final MicroBatches MICRO = new MicroBatches(new int[] {2, 3, 1});

    static List<Arguments> networks() {
        List<Arguments> cases = new ArrayList<>();
        for (Loss loss : Loss.values()) {
            for (Activation act : Activation.values()) {
                cases.add(Arguments.of(loss, act, new int[0]));
                for (int depth = 1; depth <= 3; depth++) {
                    for (int width : new int[] {1, 3, 8}) {
                        int[] hidden = new int[depth];
                        java.util.Arrays.fill(hidden, width);
                        cases.add(Arguments.of(loss, act, hidden));
                    }
                }
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0} {1} hidden={2}")
    @MethodSource("networks")
    void correctProceduresAgree(Loss loss, Activation act, int[] hidden) {
        int outputs = loss == Loss.CE ? 3 : 2;
        Model model = Model.of(2, hidden, outputs, act, loss);
        long seed = 31L * loss.ordinal() + 7L * act.ordinal() + 101L * hidden.length + (hidden.length > 0 ? hidden[0] : 0);
        Parameters theta = Fixtures.theta(model, seed);
        Batch batch = Fixtures.batch(model, N, seed);

        Parameters perExample = new PerExample().gradient(model, theta, batch);
        Parameters batched = new Batched().gradient(model, theta, batch);
        Parameters accumulate = new Accumulate(MICRO).gradient(model, theta, batch);
        FiniteDifference.Result fd = new FiniteDifference().run(model, theta, batch);

        assertTrue(Metrics.norm(perExample.flat()) > 0, "a zero gradient would make the comparison vacuous");
        assertTrue(Fixtures.relative(batched, perExample) <= 1e-10,
                () -> "batched vs per-example: " + Fixtures.relative(batched, perExample));
        assertTrue(Fixtures.relative(accumulate, perExample) <= 1e-10,
                () -> "accumulate vs per-example: " + Fixtures.relative(accumulate, perExample));
        assertEquals(false, fd.atKink(), "biases drawn away from zero keep every z off its kink");
        assertTrue(Fixtures.relative(fd.gradient(), perExample) <= 1e-6,
                () -> "finite-difference vs per-example: " + Fixtures.relative(fd.gradient(), perExample));
    }

    @ParameterizedTest(name = "J(θ) by matrices equals the mean of per-example losses: {0} {1}")
    @MethodSource("networks")
    void costIsTheMeanOfTheExamplesLosses(Loss loss, Activation act, int[] hidden) {
        int outputs = loss == Loss.CE ? 3 : 2;
        Model model = Model.of(2, hidden, outputs, act, loss);
        Parameters theta = Fixtures.theta(model, 5);
        Batch batch = Fixtures.batch(model, N, 5);
        double sum = 0;
        for (int i = 0; i < N; i++) {
            sum += Backprop.forward(model, theta, batch.x().data, i * 2, batch.y().data, i * outputs).loss();
        }
        assertEquals(sum / N, model.cost(theta, batch), 1e-12 * Math.max(1, Math.abs(sum / N)));
    }
}
