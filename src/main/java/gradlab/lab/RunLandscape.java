package gradlab.lab;

import java.util.Optional;

import gradlab.engine.Procedure;

/**
 * What a training run's landscape draws at one of its charts: every copy's path θ0..θ_k so far
 * (k the latest recorded step), projected on two scalars of θ, over the contours of one slice.
 * While the run goes, that is θ0's slice, computed once; at its end, the slice through the last θ
 * of one copy. The contours cover the slice's window; the chart's window also holds the paths.
 *
 * @param slice   J over the plane: θ0's slice on the first minibatch, or at the end the slice
 *                through θ_k of {@code through} on the minibatch of its next update
 * @param through the copy whose θ_k the slice goes through; empty for θ0's slice
 * @param paths   every copy's path to the latest recorded step, in the training's order
 * @param x       the chart's horizontal window: the slice's, grown to hold the paths
 * @param y       the chart's vertical window
 * @param end     whether the run has ended (the last recorded step is its last)
 */
public record RunLandscape(Slice slice, Optional<Procedure> through, StepPaths paths, Landscape.Axis x,
                           Landscape.Axis y, boolean end) {

    /** The step of the θ the slice goes through: 0 for θ0, else the paths' last step. */
    public int sliceStep() {
        return through.isPresent() ? paths.step() : 0;
    }
}
