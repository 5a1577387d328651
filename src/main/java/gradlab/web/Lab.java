package gradlab.web;

import java.util.function.Function;

import gradlab.data.DataSet;
import gradlab.engine.Model;
import gradlab.lab.ClientQuota;
import gradlab.lab.Comparison;
import gradlab.lab.ComparisonMemory;
import gradlab.lab.LabData;
import gradlab.lab.LabSpec;
import gradlab.lab.Limits;
import gradlab.lab.MemoryBudget;
import gradlab.lab.Query;
import gradlab.lab.Runs;
import gradlab.lab.TrainingQueue;
import gradlab.lab.Uploads;

/** What the handlers share: the limits, the uploads, the training runs, the comparisons' memory. */
final class Lab {
    private final Limits limits;
    private final Uploads uploads;
    private final TrainingQueue trainings;
    private final MemoryBudget memory;

    Lab(Limits limits, Uploads uploads, Runs runs, ClientQuota quota, MemoryBudget memory) {
        this.limits = limits;
        this.uploads = uploads;
        this.trainings = new TrainingQueue(runs, limits, uploads, System::nanoTime, quota);
        this.memory = memory;
    }

    LabSpec spec(String query) {
        return LabSpec.parse(query, limits, uploads);
    }

    /**
     * The query's comparison, handed to {@code draw} while the memory they need together is
     * held; throws {@link MemoryBudget.FullException} when other comparisons hold it. A
     * comparison above the work limit is refused before it waits for memory.
     */
    <T> T compare(Query query, ComparisonMemory.Extent extent, Function<Comparison, T> draw) {
        LabSpec spec = LabSpec.parse(query, limits, uploads);
        DataSet data = LabData.load(spec, uploads);
        Model model = Comparison.model(spec, data);
        Comparison.checkWork(spec, model, limits);
        try (MemoryBudget.Lease held = memory.admit(ComparisonMemory.bytes(spec, model, extent))) {
            return draw.apply(Comparison.compute(spec, limits, data));
        }
    }

    <T> T compare(String query, Function<Comparison, T> draw) {
        return compare(Query.parse(query), ComparisonMemory.Extent.COMPARISON, draw);
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

    MemoryBudget memory() {
        return memory;
    }
}
