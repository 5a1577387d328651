package gradlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import gradlab.data.DataSet;
import gradlab.engine.Trainer;
import gradlab.lab.Comparison;
import gradlab.lab.LabData;
import gradlab.lab.LabSpec;
import gradlab.lab.Landscape;
import gradlab.lab.Limits;
import gradlab.lab.RunEvent;
import gradlab.lab.RunLandscape;
import gradlab.lab.RunThrottle;
import gradlab.lab.Slice;
import gradlab.lab.StepPaths;
import gradlab.lab.TrainingHistory;
import gradlab.lab.TrainingRun;
import gradlab.lab.Uploads;
import gradlab.view.TrainingCharts;
import gradlab.view.TrainingView;
import gradlab.view.TrainingView.Event;

/**
 * The page's events of a run, without a server: a run's events on a clock the test moves (30
 * ms a record), turned into the names the page swaps on and the HTML of TrainingView and
 * TrainingCharts — rows gathered every 100 ms with the progress line, charts every 500 ms,
 * and the end in full.
 */
class TrainFragmentsTest {
    private static final long MS = 1_000_000;

    private final AtomicLong clock = new AtomicLong();
    private final List<Trainer.Record> records = new ArrayList<>();
    private Trainer.Summary summary;
    /** What each event of the run came to, in order: the records (by step), then the end. */
    private final List<List<TrainFragments.Fragment>> byEvent = new ArrayList<>();

    @Test
    void rowsGoEveryHundredMillisecondsWithTheProgressAndTheEndSendsEverything() {
        LabSpec spec = spec("data=xor&hidden=4&loss=bce&steps=10");
        List<TrainFragments.Fragment> out = fragments(spec);

        assertEquals(List.of(Event.ROW, Event.PROGRESS, // step 0, at 0 ms: no charts until 500 ms
                Event.ROW, Event.PROGRESS, // step 4, at 120 ms
                Event.ROW, Event.PROGRESS, // step 8, at 240 ms
                Event.ROW, Event.PROGRESS, Event.CHARTS, Event.SUMMARY, Event.DONE), // the end, at 330 ms
                out.stream().map(TrainFragments.Fragment::event).toList());

        assertEquals(List.of(rows(0, 1), rows(1, 5), rows(5, 9), rows(9, 11)), html(out, Event.ROW),
                "every row once, in order, gathered");
        assertEquals(List.of(progress(0, 0.0), progress(4, 0.12), progress(8, 0.24), progress(10, 0.33)),
                html(out, Event.PROGRESS));
        assertEquals("Step 4 of 10 · 0.1 s", html(out, Event.PROGRESS).get(1));
        assertEquals(List.of(charts(spec)), html(out, Event.CHARTS), "a short run's only charts, at its end, draw the whole run");
        assertEquals(List.of(TrainingView.summary(summary).render()), html(out, Event.SUMMARY));
        assertEquals(List.of(TrainingView.done().render()), html(out, Event.DONE));
    }

    @Test
    void chartsAreRedrawnAtMostEveryFiveHundredMillisecondsAndOnceAtTheEnd() {
        fragments(spec("data=line&steps=40"));
        List<Integer> chartsAt = new ArrayList<>();
        for (int k = 0; k < byEvent.size(); k++) {
            if (byEvent.get(k).stream().anyMatch(f -> f.event() == Event.CHARTS)) {
                chartsAt.add(k);
            }
        }
        // a record every 30 ms: none at once, then steps 17 (510 ms), 34 (1020 ms), then the end (event 41)
        assertEquals(List.of(17, 34, 41), chartsAt);
    }

    @Test
    void whileARunGoesItsPathsAreDrawnOverTheta0sSliceAndAtTheEndOverTheSliceThroughTheLastTheta() {
        List<String> charts = html(fragments(spec("data=line&steps=40&along=mean-error")), Event.CHARTS);
        assertEquals(3, charts.size());
        for (int i = 0; i < 2; i++) {
            int k = i == 0 ? 17 : 34;
            String svg = charts.get(i);
            assertTrue(svg.contains("J on the slice through θ0; paths: θ0 to θ" + k + ", projected"), "step " + k);
            assertTrue(svg.contains("drawn once at the start"), "the caption says the contours are θ0's, drawn once");
            assertEquals(3, count(svg, "data-role=\"path\""), "a path per copy at step " + k);
        }
        assertTrue(charts.get(2).contains("J on the slice through θ40 of mean-error; paths: θ0 to θ40, projected"));
        assertEquals(3, count(charts.get(2), "data-role=\"path\""));
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void aPlaceInLineADropAndAFailureAreOneEventEach() {
        TrainFragments f = new TrainFragments(10, new RunThrottle(clock::get));
        assertEquals(List.of(new TrainFragments.Fragment(Event.QUEUED, "Waiting — 1 run ahead of you.")),
                new RunEvent.Queued(1).handle(f));
        assertEquals(List.of(new TrainFragments.Fragment(Event.QUEUED, "Waiting — you are next.")),
                new RunEvent.Queued(0).handle(f));

        List<TrainFragments.Fragment> stopping = new RunEvent.Dropped(RunEvent.Dropped.Why.SERVER_STOPPING).handle(f);
        assertEquals(List.of(new TrainFragments.Fragment(Event.DONE, TrainingView.serverStopping().render())), stopping);
        assertTrue(stopping.get(0).html().contains("server is stopping"), stopping.get(0).html());

        assertEquals(List.of(), new RunEvent.Dropped(RunEvent.Dropped.Why.CANCELLED).handle(f),
                "a client that left is told nothing");
        assertEquals(List.of(new TrainFragments.Fragment(Event.DONE, TrainingView.failed().render())),
                new RunEvent.Failed(new IllegalStateException("bug")).handle(f));
    }

    @Test
    void aStoppedRunEndsWithItsSummaryAndDoneButNoChartsTheCostlyPart() {
        LabSpec spec = spec("data=xor&hidden=4&loss=bce&steps=10");
        TrainFragments page = new TrainFragments(spec.steps(), new RunThrottle(clock::get));
        List<List<TrainFragments.Fragment>> out = new ArrayList<>();
        TrainingRun.train(spec, Limits.DEFAULT, Uploads.NONE, clock::get, () -> out.size() >= 3, e -> {
            if (e instanceof RunEvent.Finished end) {
                summary = end.summary();
            }
            out.add(e.handle(page));
            clock.addAndGet(30 * MS);
        });
        assertEquals(Trainer.End.STOPPED, summary.end());
        assertEquals(List.of(Event.ROW, Event.PROGRESS, Event.SUMMARY, Event.DONE),
                out.get(out.size() - 1).stream().map(TrainFragments.Fragment::event).toList(),
                "its own end, stopped: the last charts drawn stand");

        // a stopping server's end, told from its own thread: what it says, and nothing of the run's state
        Trainer.Summary atStep4 = new Trainer.Summary(4, Trainer.End.STOPPED, summary.copies());
        TrainFragments other = new TrainFragments(10, new RunThrottle(clock::get));
        assertEquals(List.of(new TrainFragments.Fragment(Event.PROGRESS, progress(4, 0.12)),
                        new TrainFragments.Fragment(Event.SUMMARY, TrainingView.summary(atStep4).render()),
                        new TrainFragments.Fragment(Event.DONE, TrainingView.done().render())),
                new RunEvent.Stopped(atStep4, 0.12).handle(other));
        List<TrainFragments.Fragment> beforeAnyRecord = RunEvent.Stopped.BEFORE_ANY_RECORD.handle(other);
        assertEquals(List.of(Event.PROGRESS, Event.SUMMARY, Event.DONE),
                beforeAnyRecord.stream().map(TrainFragments.Fragment::event).toList());
        assertTrue(beforeAnyRecord.get(1).html().contains("Stopped after 0 steps"), beforeAnyRecord.get(1).html());
    }

    // ------------------------------------------------------------------ helpers

    /** The run's fragments, each record 30 ms after the one before on the test's clock. */
    private List<TrainFragments.Fragment> fragments(LabSpec spec) {
        TrainFragments page = new TrainFragments(spec.steps(), new RunThrottle(clock::get));
        List<TrainFragments.Fragment> out = new ArrayList<>();
        TrainingRun.train(spec, Limits.DEFAULT, Uploads.NONE, clock::get, () -> false, e -> {
            if (e instanceof RunEvent.Recorded r) {
                records.add(r.record());
            } else if (e instanceof RunEvent.Finished end) {
                summary = end.summary();
            }
            List<TrainFragments.Fragment> these = e.handle(page);
            byEvent.add(these);
            out.addAll(these);
            clock.addAndGet(30 * MS);
        });
        return out;
    }

    private String rows(int from, int to) {
        StringBuilder s = new StringBuilder();
        for (Trainer.Record r : records.subList(from, to)) {
            s.append(TrainingView.row(r).render());
        }
        return s.toString();
    }

    private static String progress(int step, double seconds) {
        return TrainingView.progress(step, 10, seconds).render();
    }

    /**
     * The charts of the whole run, drawn from a run of its own; its landscape is the comparison's
     * at the last step: every copy's path replayed to it, over the slice through the along copy's θ there.
     */
    private static String charts(LabSpec spec) {
        Trainer trainer = TrainingRun.trainer(spec, Limits.DEFAULT, Uploads.NONE);
        TrainingHistory history = new TrainingHistory();
        trainer.run(history::add, () -> false);
        DataSet data = LabData.load(spec, Uploads.NONE);
        LabSpec last = spec.atStep(spec.steps(), spec.along());
        int[] axes = StepPaths.axesAtTheta0(spec, data);
        StepPaths paths = StepPaths.replay(last, data, Limits.DEFAULT, axes[0], axes[1], () -> false);
        Slice slice = Landscape.compute(Comparison.compute(last, Limits.DEFAULT, data), axes[0], axes[1], paths).slice();
        RunLandscape landscape = new RunLandscape(slice, Optional.of(spec.along()), paths, slice.x(), slice.y(), true);
        return TrainingCharts.render(history, data, trainer.setup().model(), trainer::theta, landscape).render();
    }

    private static List<String> html(List<TrainFragments.Fragment> out, Event event) {
        return out.stream().filter(f -> f.event() == event).map(TrainFragments.Fragment::html).toList();
    }

    private static LabSpec spec(String query) {
        return LabSpec.parse(query, Limits.DEFAULT, Uploads.NONE);
    }
}
