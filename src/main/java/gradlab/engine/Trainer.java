package gradlab.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Plain SGD on one copy of the network per procedure, every copy from the same θ0 and on the
 * same sequence of minibatches, so that the only difference between them is the gradient.
 * Step k is the state after k updates. At each recorded step every copy reports J over all
 * the data; a naive copy also reports how its own gradient compares with the correct one at
 * its θ, on the minibatch of its next update. A copy diverges at the first step whose θ has a
 * non-finite entry or whose minibatch J is non-finite or beyond ±1e12 (or, at a recorded step,
 * whose J over all the data is); it stops there.
 */
public final class Trainer {
    /** |J| beyond this counts as divergence. */
    public static final double DIVERGENCE_COST = 1e12;

    /**
     * One copy to train: the procedure it stands for, and what computes its gradient (the
     * correct copy is updated by the faster batched pass: the same value).
     */
    public record Copy(Procedure procedure, GradientProcedure gradient) {
    }

    /**
     * What one copy reports at a recorded step; cost is NaN, and so are the metrics, once
     * diverged. bSimple, the noise scale over all the data at the copy's θ, is the correct
     * copy's alone, and only where the run computes it (else NaN).
     */
    public record CopyState(double cost, double cosine, double relativeError, double bSimple, boolean diverged) {
    }

    /** One recorded step: a state per copy, in the order the copies were given. */
    public record Record(int step, Map<Procedure, CopyState> copies) {
    }

    /** How a run ended. */
    public enum End {
        COMPLETED("completed"), STOPPED("stopped"), BUDGET("budget");

        private final String id;

        End(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** A copy's result: its last finite full-data J (NaN if none) and the step it diverged at, or −1. */
    public record CopySummary(double finalCost, int divergedAtStep) {
        public boolean diverged() {
            return divergedAtStep >= 0;
        }
    }

    /** The end of a run: the steps done, why it ended, and a summary per copy. */
    public record Summary(int steps, End end, Map<Procedure, CopySummary> copies) {
    }

    /**
     * What to train and how: the data, the copies, the step size, the number of steps, the work
     * allowed, and whether the correct copy's records hold the noise scale B_simple.
     */
    public record Setup(Model model, Parameters theta0, Batch data, MinibatchSequence minibatches,
                        List<Copy> copies, GradientProcedure reference, double lr, int steps, long workBudget,
                        boolean noiseScale) {
    }

    /**
     * Where one copy stands at a step: its θ there and the indices of the minibatch of its next
     * update; or, when it diverged on the way, the step it diverged at (θ and minibatch then null).
     */
    public record Position(int step, Parameters theta, int[] minibatch, int divergedAt) {
        public boolean diverged() {
            return divergedAt >= 0;
        }
    }

    private final Setup setup;
    private final Map<Procedure, State> states = new LinkedHashMap<>();
    /** The run's work buffers: every step borrows the same ones again. */
    private final Workspaces buffers = new Workspaces();

    public Trainer(Setup setup) {
        this.setup = setup;
    }

    public Setup setup() {
        return setup;
    }

    /**
     * A copy's θ at the latest recorded step: inside {@code onRecord}, θ_k of that record, before
     * step k's update (which the run has already taken); for a copy that diverged, θ at the last
     * step recorded before. For pictures drawn on the run's own thread: read it, do not keep or
     * change it.
     */
    public Parameters theta(Procedure copy) {
        return states.get(copy).recorded;
    }

    /** The step at which a copy diverged, or −1 while it has not. */
    public int divergedAt(Procedure copy) {
        return states.get(copy).divergedAt;
    }

    /**
     * θ_{d−1} of a copy that diverged at step d ≥ 1: the last θ that passed the check; null while
     * it has not diverged, or when θ0 itself failed. Read it on the run's thread; do not keep or
     * change it.
     */
    public Parameters beforeDivergence(Procedure copy) {
        State s = states.get(copy);
        return s.divergedAt >= 1 ? s.previous : null;
    }

    /**
     * The run's summary as if it had stopped at {@code record}, its latest recorded step, from
     * what that step computed (each copy's last finite full-data J, the step it diverged at):
     * nothing is computed again, so a stopping server need not wait for another step. Ask on
     * the run's thread, inside {@code onRecord}.
     */
    public Summary stoppedAt(Record record) {
        Map<Procedure, CopySummary> summaries = new LinkedHashMap<>();
        for (State s : states.values()) {
            summaries.put(s.copy.procedure(), new CopySummary(s.lastFiniteCost, s.divergedAt));
        }
        return new Summary(record.step(), End.STOPPED, summaries);
    }

    /**
     * Runs to the end, calling {@code onRecord} at each recorded step. {@code stopRequested}
     * is asked between steps; when it answers true the run ends as stopped.
     */
    public Summary run(Consumer<Record> onRecord, BooleanSupplier stopRequested) {
        Model model = setup.model();
        Batch data = setup.data();
        states.clear();
        for (Copy copy : setup.copies()) {
            states.put(copy.procedure(), new State(copy, setup.theta0().copy()));
        }
        RecordedSteps recorded = new RecordedSteps(setup.steps());
        long perExampleWork = model.scalars();
        long work = 0;
        int step = 0;
        End end = End.COMPLETED;
        for (; ; step++) {
            if (stopRequested.getAsBoolean()) {
                end = End.STOPPED;
                break;
            }
            if (work > setup.workBudget()) {
                end = End.BUDGET;
                break;
            }
            Batch minibatch = data.rows(setup.minibatches().next());
            boolean record = recorded.contains(step);
            boolean last = step == setup.steps();
            Map<Procedure, CopyState> report = new LinkedHashMap<>();
            for (State s : states.values()) {
                if (!s.diverged()) {
                    work += s.step(model, data, minibatch, step, record, last) * perExampleWork;
                }
                report.put(s.copy.procedure(), s.report);
            }
            if (record) {
                onRecord.accept(new Record(step, report));
            }
            if (last) {
                break;
            }
        }
        Map<Procedure, CopySummary> summaries = new LinkedHashMap<>();
        for (State s : states.values()) {
            summaries.put(s.copy.procedure(), s.summary(model, data));
        }
        return new Summary(step, end, summaries);
    }

    /**
     * Takes one copy's steps exactly as {@link #run} takes them — the same check at each step,
     * the same update, on the same minibatches — from θ at step {@code from} up to step
     * {@code to}, with no records: θ_to and the minibatch of step to + 1, once the check at
     * step {@code to} has passed too; or the step at which the copy diverged on the way.
     * {@code passing} hears each step from {@code from} to {@code to} before its check and
     * update, with θ as it is then (read it, do not keep or change it). {@code stop} is asked
     * before each step after the first; when it says yes, the replay returns where it stands,
     * at a step below {@code to}. Call it once on a new trainer: it draws the minibatches from
     * the setup's sequence, skipping the first {@code from}.
     */
    public Position replay(Procedure copy, int from, Parameters theta, int to, Consumer<Position> passing,
                           BooleanSupplier stop) {
        Copy trained = setup.copies().stream().filter(c -> c.procedure() == copy).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(copy + " is not a copy of this run"));
        if (from > to) {
            throw new IllegalArgumentException("a replay from step " + from + " to step " + to);
        }
        Model model = setup.model();
        Batch data = setup.data();
        MinibatchSequence minibatches = setup.minibatches();
        minibatches.skip(from);
        State s = new State(trained, theta.copy());
        for (int step = from; ; step++) {
            int[] indices = minibatches.next();
            Position here = new Position(step, s.theta, indices, -1);
            if (step > from && stop.getAsBoolean()) {
                return here;
            }
            passing.accept(here);
            boolean last = step == to;
            s.step(model, data, data.rows(indices), step, false, last);
            if (s.diverged()) {
                return new Position(step, null, null, s.divergedAt);
            }
            if (last) {
                return here;
            }
        }
    }

    /** One copy in training: θ now, θ one step ago, θ at the latest record, and what it last reported. */
    private final class State {
        final Copy copy;
        final Parameters theta;
        final Parameters previous;
        /** θ_k of the latest recorded step k, kept from before that step's update. */
        final Parameters recorded;
        double lastFiniteCost = Double.NaN;
        int divergedAt = -1;
        CopyState report;

        State(Copy copy, Parameters theta) {
            this.copy = copy;
            this.theta = theta;
            this.previous = theta.copy();
            this.recorded = theta.copy();
        }

        boolean diverged() {
            return divergedAt >= 0;
        }

        /** Checks, reports and updates at step k; returns the examples processed. */
        long step(Model model, Batch data, Batch minibatch, int k, boolean record, boolean last) {
            long work = minibatch.size();
            if (!theta.isFinite()) {
                diverge(k);
                return work;
            }
            // the minibatch J and the gradient, from one forward pass where the procedure has one
            GradientProcedure.Evaluation at = copy.gradient().evaluate(model, theta, minibatch, buffers);
            if (!(Math.abs(at.cost()) <= DIVERGENCE_COST)) {
                diverge(k);
                return work;
            }
            Parameters grad = at.gradient();
            work += minibatch.size();
            if (record) {
                double cost = model.cost(theta, data, buffers);
                work += data.size();
                if (!(Math.abs(cost) <= DIVERGENCE_COST)) {
                    // the minibatch was fine but the whole data set is not: no record may hold it
                    diverge(k);
                    return work;
                }
                lastFiniteCost = cost;
                double cosine = Double.NaN;
                double relativeError = Double.NaN;
                if (copy.procedure().isNaive()) {
                    Parameters correct = setup.reference().evaluate(model, theta, minibatch, buffers).gradient();
                    work += minibatch.size();
                    cosine = Metrics.cosine(grad.flat(), correct.flat());
                    relativeError = Metrics.relativeError(grad.flat(), correct.flat());
                }
                double bSimple = Double.NaN;
                if (setup.noiseScale() && copy.procedure() == Procedure.REFERENCE) {
                    bSimple = NoiseScale.of(model, theta, data, minibatch.size(), buffers).bSimple();
                    work += NoiseScale.examplesProcessed(data.size());
                }
                report = new CopyState(cost, cosine, relativeError, bSimple, false);
                recorded.setTo(theta);
            }
            if (!last) {
                // θ ← θ − lr · g, keeping the old θ in case this step is the one that diverges
                previous.setTo(theta);
                theta.addScaled(-setup.lr(), grad);
            }
            return work;
        }

        private void diverge(int k) {
            divergedAt = k;
            report = new CopyState(Double.NaN, Double.NaN, Double.NaN, Double.NaN, true);
        }

        /**
         * The last finite full-data J: at θ now; for a diverged copy, at the θ one step before
         * it diverged (the last that passed the check), else the last one recorded.
         */
        CopySummary summary(Model model, Batch data) {
            double cost = finiteCost(model, diverged() ? previous : theta, data);
            if (Double.isNaN(cost)) {
                cost = lastFiniteCost;
            }
            return new CopySummary(cost, divergedAt);
        }
    }

    private double finiteCost(Model model, Parameters theta, Batch data) {
        if (!theta.isFinite()) {
            return Double.NaN;
        }
        double cost = model.cost(theta, data, buffers);
        return Double.isFinite(cost) ? cost : Double.NaN;
    }
}
