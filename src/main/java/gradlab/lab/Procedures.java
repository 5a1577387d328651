package gradlab.lab;

import java.util.ArrayList;
import java.util.List;

import gradlab.engine.Accumulate;
import gradlab.engine.Batched;
import gradlab.engine.BatchedMeanError;
import gradlab.engine.FiniteDifference;
import gradlab.engine.GradientProcedure;
import gradlab.engine.MeanError;
import gradlab.engine.MeanInput;
import gradlab.engine.MeanOfMeans;
import gradlab.engine.MicroBatches;
import gradlab.engine.Model;
import gradlab.engine.PerExample;
import gradlab.engine.Procedure;
import gradlab.engine.Trainer;

/**
 * Which procedures a spec compares, and which copies it trains, in the order of the JSON API.
 */
public final class Procedures {
    /** finite-difference runs only for θ of at most this many scalars… */
    static final int MAX_FD_SCALARS = 2000;
    /** …and scalars² × batch at most this (about four times that many operations, near 0.1 s). */
    static final long MAX_FD_WORK = 50_000_000L;

    private Procedures() {
    }

    /** per-example, batched, the chosen naive ones, finite-difference within its bound, accumulate and mean-of-means with micro. */
    public static List<GradientProcedure> compared(LabSpec spec, Model model) {
        List<GradientProcedure> list = new ArrayList<>();
        list.add(new PerExample());
        list.add(new Batched());
        list.addAll(naive(spec));
        if (finiteDifferenceFits(model.scalars(), spec.batch())) {
            list.add(new FiniteDifference());
        }
        if (!spec.micro().isEmpty()) {
            MicroBatches micro = new MicroBatches(spec.microSizes());
            list.add(new Accumulate(micro));
            list.add(new MeanOfMeans(micro));
        }
        return list;
    }

    /** The procedures of the copies a training run trains, in its order: the correct one, each naive one, mean-of-means with micro. */
    public static List<Procedure> copies(LabSpec spec) {
        return copies(spec.naive(), spec.micro());
    }

    /** The same, for the chosen naive procedures and micro-batch sizes (empty: none). */
    static List<Procedure> copies(List<Procedure> naive, List<Integer> micro) {
        List<Procedure> list = new ArrayList<>();
        list.add(Procedure.REFERENCE);
        list.addAll(naive);
        if (!micro.isEmpty()) {
            list.add(Procedure.MEAN_OF_MEANS);
        }
        return list;
    }

    /**
     * The copies a training run trains, each updated by the fastest class that computes its
     * procedure's value: the correct copy by the batched matrix pass, mean-error's by the
     * batched means.
     */
    public static List<Trainer.Copy> trained(LabSpec spec) {
        return copies(spec).stream().map(p -> new Trainer.Copy(p, switch (p) {
            case PER_EXAMPLE -> new Batched();
            case MEAN_INPUT -> new MeanInput();
            case MEAN_ERROR -> new BatchedMeanError();
            case MEAN_OF_MEANS -> new MeanOfMeans(new MicroBatches(spec.microSizes()));
            case BATCHED, FINITE_DIFFERENCE, ACCUMULATE -> throw new IllegalArgumentException(p + " trains no copy");
        })).toList();
    }

    static boolean finiteDifferenceFits(long scalars, long batch) {
        return scalars <= MAX_FD_SCALARS && scalars * scalars * batch <= MAX_FD_WORK;
    }

    private static List<GradientProcedure> naive(LabSpec spec) {
        List<GradientProcedure> list = new ArrayList<>();
        for (Procedure p : spec.naive()) {
            list.add(switch (p) {
                case MEAN_INPUT -> new MeanInput();
                case MEAN_ERROR -> new MeanError();
                default -> throw new IllegalArgumentException(p + " is not a choice of naive");
            });
        }
        return list;
    }
}
