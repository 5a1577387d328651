package gradlab.lab;

import gradlab.data.DataSet;
import gradlab.engine.Batched;
import gradlab.engine.Model;
import gradlab.engine.Trainer;

/**
 * A spec turned into a training run: θ0, the data, the minibatch order and the copies, all
 * from the spec's seed, so that step 0 is exactly the comparison's θ0 and batch.
 */
public final class TrainingRun {
    private TrainingRun() {
    }

    public static Trainer trainer(LabSpec spec, Limits limits, Uploads uploads) {
        return trainer(spec, LabData.load(spec, uploads), limits);
    }

    /** The same, on the spec's data set already loaded (the caller draws pictures of it too). */
    public static Trainer trainer(LabSpec spec, DataSet data, Limits limits) {
        Model model = Comparison.model(spec, data);
        return new Trainer(new Trainer.Setup(model, model.initial(Seeds.INITIAL_PARAMETERS.random(spec.seed())),
                LabData.batch(data), Comparison.minibatches(spec), Procedures.trained(spec), new Batched(),
                spec.lr(), spec.steps(), limits.trainWorkBudget()));
    }
}
