package gradlab.lab;

import gradlab.data.DataSet;
import gradlab.engine.Model;
import gradlab.engine.Parameters;
import gradlab.engine.Procedure;
import gradlab.engine.Trainer;

/**
 * A run as it stands: its data, its model, what it has recorded, each copy's θ at the latest
 * record and its path so far — what the charts of a run draw. Live, not a copy: read it while
 * handling an event, on the run's thread, and keep nothing of it.
 */
public final class RunSoFar {
    private final DataSet data;
    private final Trainer trainer;
    private final TrainingHistory history = new TrainingHistory();
    private final RunPaths paths;

    RunSoFar(LabSpec spec, DataSet data, Trainer trainer) {
        this.data = data;
        this.trainer = trainer;
        this.paths = new RunPaths(spec, data, trainer);
    }

    void add(Trainer.Record record) {
        history.add(record);
        paths.record(record);
    }

    /** The run has ended (completed, stopped or out of budget) at its latest record. */
    void end() {
        paths.end();
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

    /** A copy's θ_k at the latest recorded step k. */
    public Parameters theta(Procedure copy) {
        return trainer.theta(copy);
    }

    /**
     * Every copy's path so far over θ0's slice, or once the run has ended, over the slice through
     * the last θ of its along copy: the contours are computed at the first call of each kind only.
     */
    public RunLandscape landscape() {
        return paths.landscape();
    }
}
