package gradlab.lab;

import gradlab.data.DataSet;
import gradlab.engine.Model;
import gradlab.engine.Parameters;
import gradlab.engine.Procedure;
import gradlab.engine.Trainer;

/**
 * A run as it stands: its data, its model, what it has recorded and each copy's θ now — what
 * the charts of a run draw. Live, not a copy: read it while handling an event, on the run's
 * thread, and keep nothing of it.
 */
public final class RunSoFar {
    private final DataSet data;
    private final Trainer trainer;
    private final TrainingHistory history = new TrainingHistory();

    RunSoFar(DataSet data, Trainer trainer) {
        this.data = data;
        this.trainer = trainer;
    }

    void add(Trainer.Record record) {
        history.add(record);
    }

    public DataSet data() {
        return data;
    }

    public Model model() {
        return trainer.setup().model();
    }

    public TrainingHistory history() {
        return history;
    }

    /** Its summary if it stopped at {@code record}, its latest recorded step. */
    public Trainer.Summary stoppedAt(Trainer.Record record) {
        return trainer.stoppedAt(record);
    }

    public Parameters theta(Procedure copy) {
        return trainer.theta(copy);
    }
}
