package gradlab.web;

import java.util.ArrayList;
import java.util.List;

import gradlab.lab.RunEvent;
import gradlab.lab.RunSoFar;
import gradlab.lab.RunThrottle;
import gradlab.view.Html;
import gradlab.view.TrainingCharts;
import gradlab.view.TrainingView;
import gradlab.view.TrainingView.Event;

/**
 * A training run's events as the lab page's server-sent events, each the name the page swaps
 * on and its HTML. Rows are gathered and sent with the progress line when the throttle says,
 * charts likewise; at the end come the last rows, the progress, the charts, the summary and
 * the controls ({@code done}). A stopped run draws no charts at its end: they are the costly
 * part, and a stopping server should not wait for them (the last ones drawn stand). One per
 * stream: records and the end arrive on the run's thread; places in line, drops and a stopping
 * server's end on others, and those hold no state.
 */
final class TrainFragments implements RunEvent.Handler<List<TrainFragments.Fragment>> {
    /** One server-sent event: its name and its HTML. */
    record Fragment(Event event, String html) {
    }

    private final int steps;
    private final RunThrottle throttle;
    private final StringBuilder rows = new StringBuilder();

    /** For a run of {@code steps} steps (the progress line says "of steps"). */
    TrainFragments(int steps, RunThrottle throttle) {
        this.steps = steps;
        this.throttle = throttle;
    }

    @Override
    public List<Fragment> queued(RunEvent.Queued e) {
        return List.of(new Fragment(Event.QUEUED, Html.render(TrainingView.queued(e.ahead()))));
    }

    @Override
    public List<Fragment> recorded(RunEvent.Recorded e) {
        rows.append(Html.render(TrainingView.row(e.record())));
        List<Fragment> out = new ArrayList<>();
        if (throttle.rowsDue()) {
            out.add(rows());
            out.add(progress(e.record().step(), e.seconds()));
        }
        if (throttle.chartsDue()) {
            out.add(charts(e.run()));
            throttle.chartsDrawn();
        }
        return out;
    }

    @Override
    public List<Fragment> finished(RunEvent.Finished e) {
        List<Fragment> out = new ArrayList<>();
        if (rows.length() > 0) {
            out.add(rows());
        }
        out.add(progress(e.summary().steps(), e.seconds()));
        if (!e.stopped()) {
            out.add(charts(e.run()));
        }
        out.add(new Fragment(Event.SUMMARY, Html.render(TrainingView.summary(e.summary()))));
        out.add(new Fragment(Event.DONE, Html.render(TrainingView.done())));
        return out;
    }

    /** Rows not sent yet stay unsent: they belong to the run's thread, which may still be writing them. */
    @Override
    public List<Fragment> stopped(RunEvent.Stopped e) {
        return List.of(progress(e.summary().steps(), e.seconds()),
                new Fragment(Event.SUMMARY, Html.render(TrainingView.summary(e.summary()))),
                new Fragment(Event.DONE, Html.render(TrainingView.done())));
    }

    @Override
    public List<Fragment> dropped(RunEvent.Dropped e) {
        return switch (e.why()) {
            // its client left: nobody to tell
            case CANCELLED -> List.of();
            case SERVER_STOPPING -> List.of(new Fragment(Event.DONE, Html.render(TrainingView.serverStopping())));
        };
    }

    @Override
    public List<Fragment> failed(RunEvent.Failed e) {
        return List.of(new Fragment(Event.DONE, Html.render(TrainingView.failed())));
    }

    /** The rows gathered so far, which then start again. */
    private Fragment rows() {
        Fragment f = new Fragment(Event.ROW, rows.toString());
        rows.setLength(0);
        return f;
    }

    private Fragment progress(int step, double seconds) {
        return new Fragment(Event.PROGRESS, Html.render(TrainingView.progress(step, steps, seconds)));
    }

    private static Fragment charts(RunSoFar run) {
        return new Fragment(Event.CHARTS,
                Html.render(TrainingCharts.render(run.history(), run.data(), run.model(), run::theta, run.landscape())));
    }
}
