package gradlab.web;

import gradlab.lab.Comparison;
import gradlab.lab.LabSpec;
import gradlab.lab.Limits;
import gradlab.lab.Query;
import gradlab.lab.Runs;
import gradlab.lab.TrainingQueue;
import gradlab.lab.Uploads;

/** What the handlers share: the limits, the uploads, the training runs. */
final class Lab {
    private final Limits limits;
    private final Uploads uploads;
    private final TrainingQueue trainings;

    Lab(Limits limits, Uploads uploads, Runs runs) {
        this.limits = limits;
        this.uploads = uploads;
        this.trainings = new TrainingQueue(runs, limits, uploads, System::nanoTime);
    }

    LabSpec spec(String query) {
        return LabSpec.parse(query, limits, uploads);
    }

    Comparison compare(String query) {
        return compare(Query.parse(query));
    }

    Comparison compare(Query query) {
        return Comparison.compute(LabSpec.parse(query, limits, uploads), limits, uploads);
    }

    Limits limits() {
        return limits;
    }

    Uploads uploads() {
        return uploads;
    }

    TrainingQueue trainings() {
        return trainings;
    }
}
