package gradlab.lab;

import java.util.List;
import java.util.Optional;

import gradlab.engine.Procedure;

/**
 * A run's events as lines of text, for {@code GET /api/train} and the command line alike:
 * NDJSON (places in line, records, the summary) or, with {@code format=csv}, CSV (a header,
 * then a row per record and nothing else).
 */
public sealed interface RunLines extends RunEvent.Handler<Optional<String>> {

    static RunLines of(LabSpec spec) {
        return switch (spec.format()) {
            case CSV -> new Csv(Procedures.copies(spec));
            case NDJSON -> new Ndjson();
        };
    }

    /** The media type of the lines. */
    String mediaType();

    /** The line before any event, if the format has one. */
    Optional<String> header();

    /** The event's line, if the format has one for it. */
    default Optional<String> line(RunEvent e) {
        return e.handle(this);
    }

    /** DESIGN's NDJSON: a run that never ran still ends with its summary, stopped after 0 steps. */
    record Ndjson() implements RunLines {
        @Override
        public String mediaType() {
            return "application/x-ndjson";
        }

        @Override
        public Optional<String> header() {
            return Optional.empty();
        }

        @Override
        public Optional<String> queued(RunEvent.Queued e) {
            return Optional.of(LabJson.queued(e.ahead()));
        }

        @Override
        public Optional<String> recorded(RunEvent.Recorded e) {
            return Optional.of(LabJson.record(e.record()));
        }

        @Override
        public Optional<String> finished(RunEvent.Finished e) {
            return Optional.of(LabJson.summary(e.summary()));
        }

        @Override
        public Optional<String> stopped(RunEvent.Stopped e) {
            return Optional.of(LabJson.summary(e.summary()));
        }

        @Override
        public Optional<String> dropped(RunEvent.Dropped e) {
            return Optional.of(LabJson.summary(e.summary()));
        }

        @Override
        public Optional<String> failed(RunEvent.Failed e) {
            // the stream just ends: no summary of a run that went wrong
            return Optional.empty();
        }
    }

    /** DESIGN's CSV of the copies: only the records have rows. */
    record Csv(List<Procedure> copies) implements RunLines {
        public Csv {
            copies = List.copyOf(copies);
        }

        @Override
        public String mediaType() {
            return "text/csv; charset=utf-8";
        }

        @Override
        public Optional<String> header() {
            return Optional.of(LabCsv.header(copies));
        }

        @Override
        public Optional<String> queued(RunEvent.Queued e) {
            return Optional.empty();
        }

        @Override
        public Optional<String> recorded(RunEvent.Recorded e) {
            return Optional.of(LabCsv.row(e.record()));
        }

        @Override
        public Optional<String> finished(RunEvent.Finished e) {
            return Optional.empty();
        }

        @Override
        public Optional<String> stopped(RunEvent.Stopped e) {
            return Optional.empty();
        }

        @Override
        public Optional<String> dropped(RunEvent.Dropped e) {
            return Optional.empty();
        }

        @Override
        public Optional<String> failed(RunEvent.Failed e) {
            return Optional.empty();
        }
    }
}
