package gradlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import gradlab.engine.Procedure;
import gradlab.engine.Trainer;

/** A run's events as DESIGN's NDJSON and CSV lines: the same lines /api/train and the command line write. */
class RunLinesTest {
    private static final String QUERY = "data=xor&hidden=4&loss=bce&steps=12&batch=16&micro=8,8";

    @Test
    void ndjsonIsAPlaceInLineARecordPerStepThenTheSummary() {
        LabSpec spec = spec(QUERY);
        RunLines lines = RunLines.of(spec);
        assertEquals("application/x-ndjson", lines.mediaType());
        assertEquals(Optional.empty(), lines.header());
        assertEquals(Optional.of("{\"queued\":2}"), lines.line(new RunEvent.Queued(2)));

        List<RunEvent> events = run(spec);
        List<String> expected = new ArrayList<>();
        for (RunEvent e : events.subList(0, events.size() - 1)) {
            expected.add(LabJson.record(((RunEvent.Recorded) e).record()));
        }
        expected.add(LabJson.summary(((RunEvent.Finished) events.get(events.size() - 1)).summary()));
        assertEquals(expected, lines(lines, events));
        assertEquals(13 + 1, expected.size(), "13 recorded steps and the summary");
        assertTrue(expected.get(expected.size() - 1).startsWith("{\"summary\":{\"steps\":12,\"end\":\"completed\""),
                expected.get(expected.size() - 1));
    }

    @Test
    void ndjsonOfARunThatNeverRanIsItsStoppedSummaryAndOfAFailureNothing() {
        RunLines lines = RunLines.of(spec("data=line"));
        String stopped = "{\"summary\":{\"steps\":0,\"end\":\"stopped\",\"procedures\":{}}}";
        assertEquals(Optional.of(stopped), lines.line(new RunEvent.Dropped(RunEvent.Dropped.Why.SERVER_STOPPING)));
        assertEquals(Optional.of(stopped), lines.line(new RunEvent.Dropped(RunEvent.Dropped.Why.CANCELLED)));
        assertEquals(Optional.empty(), lines.line(new RunEvent.Failed(new IllegalStateException("bug"))));
    }

    @Test
    void ndjsonOfARunAStoppingServerEndedIsItsStoppedSummaryAndCsvHasNoRowForIt() {
        RunEvent.Stopped stopped = RunEvent.Stopped.BEFORE_ANY_RECORD;
        assertEquals(Optional.of("{\"summary\":{\"steps\":0,\"end\":\"stopped\",\"procedures\":{}}}"),
                RunLines.of(spec("data=line")).line(stopped));
        assertEquals(Optional.empty(), RunLines.of(spec("data=line&format=csv")).line(stopped));
    }

    @Test
    void csvIsAHeaderAndARowPerRecordedStepAndNothingElse() {
        LabSpec spec = spec(QUERY + "&format=csv");
        RunLines lines = RunLines.of(spec);
        assertEquals("text/csv; charset=utf-8", lines.mediaType());
        List<Procedure> copies = Procedures.copies(spec);
        assertEquals(Optional.of(LabCsv.header(copies)), lines.header());
        assertTrue(lines.header().orElseThrow().startsWith("step,per-example.cost,"), lines.header().orElseThrow());

        List<RunEvent> events = run(spec);
        List<String> expected = new ArrayList<>();
        for (RunEvent e : events.subList(0, events.size() - 1)) {
            expected.add(LabCsv.row(((RunEvent.Recorded) e).record()));
        }
        assertEquals(expected, lines(lines, events), "a row per record, no summary row");
        assertEquals(13, expected.size());
        for (RunEvent e : List.of(new RunEvent.Queued(0), new RunEvent.Dropped(RunEvent.Dropped.Why.SERVER_STOPPING),
                new RunEvent.Failed(new IllegalStateException("bug")))) {
            assertEquals(Optional.empty(), lines.line(e), e.toString());
        }
    }

    @Test
    void theCsvHeaderNamesTheCopiesTheRunTrains() {
        LabSpec spec = spec(QUERY + "&format=csv");
        List<RunEvent> events = run(spec);
        Trainer.Record first = ((RunEvent.Recorded) events.get(0)).record();
        assertEquals(Procedures.copies(spec), List.copyOf(first.copies().keySet()),
                "the header's copies are the record's, in the same order");
    }

    private static List<String> lines(RunLines lines, List<RunEvent> events) {
        List<String> out = new ArrayList<>();
        for (RunEvent e : events) {
            lines.line(e).ifPresent(out::add);
        }
        return out;
    }

    private static List<RunEvent> run(LabSpec spec) {
        List<RunEvent> events = new ArrayList<>();
        TrainingRun.train(spec, Limits.DEFAULT, Uploads.NONE, events::add);
        return events;
    }

    private static LabSpec spec(String query) {
        return LabSpec.parse(query, Limits.DEFAULT, Uploads.NONE);
    }
}
