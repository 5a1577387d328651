package gradlab.lab;

import java.util.LinkedHashMap;
import java.util.Map;

import gradlab.data.DataSet;
import gradlab.engine.Batch;
import gradlab.engine.FiniteDifference;
import gradlab.engine.GradientProcedure;
import gradlab.engine.Metrics;
import gradlab.engine.MinibatchSequence;
import gradlab.engine.Model;
import gradlab.engine.Parameters;
import gradlab.engine.Procedure;
import gradlab.engine.Trainer;

/**
 * Every procedure a spec asks for, at θ_k of its {@code along} copy (θ0 unless {@code at} is
 * set) on the minibatch of that copy's next update, each measured against the correct
 * per-example gradient.
 *
 * @param spec      the lab
 * @param model     the network's shape
 * @param theta     θ_k (θ0 at k = 0)
 * @param batch     the minibatch of step k + 1 (the first at k = 0), in its order
 * @param cost      J(θ_k) over that batch
 * @param atKink    whether finite differences were taken across a kink
 * @param gradients each procedure's gradient, in the JSON API's order
 * @param metrics   each procedure but the reference against the reference
 * @param examples  each example's own gradient: norms, the noise scale, weights (and the gradients, if asked)
 */
public record Comparison(LabSpec spec, Model model, Parameters theta, Batch batch, double cost, boolean atKink,
                         Map<Procedure, Parameters> gradients, Map<Procedure, Metrics> metrics,
                         ExampleGradientFacts examples) {

    public static Comparison compute(LabSpec spec, Limits limits, Uploads uploads) {
        return compute(spec, limits, LabData.load(spec, uploads));
    }

    /** The comparison on the spec's data set, already loaded; a step k > 0 is replayed from θ0. */
    public static Comparison compute(LabSpec spec, Limits limits, DataSet data) {
        return compute(spec, limits, data, new Checkpoints(0));
    }

    /**
     * The same, reaching θ_k from the nearest θ {@code checkpoints} keeps.
     *
     * @throws ValidationException on {@code at} when the {@code along} copy diverged at a step ≤ k
     */
    public static Comparison compute(LabSpec spec, Limits limits, DataSet data, Checkpoints checkpoints) {
        checkWork(spec, model(spec, data), limits);
        return compute(spec, limits, data, checkpoints.reach(spec, data, limits, () -> false));
    }

    /**
     * The comparison at a copy's position: θ_k and the minibatch of its step k + 1 (θ0 and the
     * first minibatch at k = 0), as {@link Checkpoints#reach} gives it.
     */
    public static Comparison compute(LabSpec spec, Limits limits, DataSet data, Trainer.Position at) {
        Model lab = model(spec, data);
        checkWork(spec, lab, limits);
        Parameters theta = at.theta();
        Batch batch = LabData.batch(data).rows(at.minibatch());
        Map<Procedure, Parameters> gradients = new LinkedHashMap<>();
        boolean atKink = false;
        for (GradientProcedure p : Procedures.compared(spec, lab)) {
            if (p instanceof FiniteDifference fd) {
                FiniteDifference.Result r = fd.run(lab, theta, batch);
                gradients.put(p.procedure(), r.gradient());
                atKink = r.atKink();
            } else {
                gradients.put(p.procedure(), p.gradient(lab, theta, batch));
            }
        }
        Parameters reference = gradients.get(Procedure.REFERENCE);
        Map<Procedure, Metrics> metrics = new LinkedHashMap<>();
        gradients.forEach((id, g) -> {
            if (id != Procedure.REFERENCE) {
                metrics.put(id, Metrics.of(g, reference));
            }
        });
        ExampleGradientFacts examples = ExampleGradientFacts.of(spec, lab, theta, batch, LabData.batch(data), gradients);
        return new Comparison(spec, lab, theta, batch, lab.cost(theta, batch), atKink, gradients, metrics, examples);
    }

    /**
     * Refuses a comparison whose n × scalars of θ is above the server's limit. Its work grows
     * with n × scalars: the batch's procedures, and the noise scale's two passes over all n
     * examples, one back-propagation each.
     */
    public static void checkWork(LabSpec spec, Model lab, Limits limits) {
        long work = (long) spec.n() * lab.scalars();
        if (work > limits.maxCompareWork()) {
            throw new ValidationException(Param.HIDDEN, "this network has " + lab.scalars() + " parameters, and n × parameters = "
                    + work + " is above this server's limit of " + limits.maxCompareWork()
                    + " for a comparison; use fewer examples or smaller hidden layers");
        }
    }

    /** The network a spec describes, for its data set's columns. */
    public static Model model(LabSpec spec, DataSet data) {
        return new Model(spec.sizes(data.inputs(), data.targets()), spec.act(), spec.loss());
    }

    /** θ0, from the spec's seed. */
    static Parameters theta0(LabSpec spec, Model model) {
        return model.initial(Seeds.INITIAL_PARAMETERS.random(spec.seed()));
    }

    /** The seeded minibatch order of a spec. */
    static MinibatchSequence minibatches(LabSpec spec) {
        return new MinibatchSequence(spec.n(), spec.batch(), Seeds.MINIBATCHES.random(spec.seed()));
    }
}
