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

/**
 * Every procedure a spec asks for, at θ0 on the first minibatch, each measured against the
 * correct per-example gradient.
 *
 * @param spec      the lab
 * @param model     the network's shape
 * @param theta     θ0
 * @param batch     the first minibatch, in its order
 * @param cost      J(θ0) over that batch
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

    /** The comparison on the spec's data set, already loaded. */
    public static Comparison compute(LabSpec spec, Limits limits, DataSet data) {
        Model lab = model(spec, data);
        checkWork(spec, lab, limits);
        Parameters theta = lab.initial(Seeds.INITIAL_PARAMETERS.random(spec.seed()));
        Batch batch = firstMinibatch(spec, data);
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

    /** Epoch 1's first minibatch: the batch every comparison is made on. */
    static Batch firstMinibatch(LabSpec spec, DataSet data) {
        return LabData.batch(data).rows(minibatches(spec).next());
    }

    /** The seeded minibatch order of a spec. */
    static MinibatchSequence minibatches(LabSpec spec) {
        return new MinibatchSequence(spec.n(), spec.batch(), Seeds.MINIBATCHES.random(spec.seed()));
    }
}
