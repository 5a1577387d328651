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

    /**
     * The copies a training run trains: the correct one, each naive procedure, and
     * mean-of-means with micro. The correct copy computes per-example's gradient by the
     * batched matrix pass: the same value, computed faster.
     */
    public static List<Trainer.Copy> trained(LabSpec spec) {
        List<Trainer.Copy> copies = new ArrayList<>();
        copies.add(new Trainer.Copy(Procedure.REFERENCE, new Batched()));
        for (GradientProcedure p : naive(spec)) {
            // mean-error's copy takes its means from the batched pass: the same value, faster
            copies.add(new Trainer.Copy(p.procedure(), p instanceof MeanError ? new BatchedMeanError() : p));
        }
        if (!spec.micro().isEmpty()) {
            MeanOfMeans meanOfMeans = new MeanOfMeans(new MicroBatches(spec.microSizes()));
            copies.add(new Trainer.Copy(meanOfMeans.procedure(), meanOfMeans));
        }
        return copies;
    }

    /** The procedures of the copies a training run trains, in its order. */
    public static List<Procedure> copies(LabSpec spec) {
        return trained(spec).stream().map(Trainer.Copy::procedure).toList();
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
