package gradlab.view;

import gradlab.lab.LabSpec;
import gradlab.lab.OutputFormat;

/**
 * The addresses of one lab: the lab itself, its comparison as JSON and CSV, its charts, its
 * landscape and its training run. A page links to them some ten times; its query is written
 * once, here, and handed to every view that links.
 *
 * @param query    the lab's query ({@link LabSpec#toQuery})
 * @param csvQuery the same lab in CSV
 */
public record LabLinks(String query, String csvQuery) {
    public static LabLinks of(LabSpec spec) {
        return new LabLinks(spec.toQuery(), spec.withFormat(OutputFormat.CSV).toQuery());
    }

    String lab() {
        return Paths.withQuery(Paths.LAB, query);
    }

    String json() {
        return Paths.withQuery(Paths.API_COMPARE, query);
    }

    String csv() {
        return Paths.withQuery(Paths.API_COMPARE, csvQuery);
    }

    /** Where one of the comparison's charts is served alone. */
    String chart(ComparisonChart chart) {
        return Paths.withQuery(Paths.chart(chart), query);
    }

    String landscape() {
        return Paths.withQuery(Paths.LAB_LANDSCAPE, query);
    }

    /** The training run's stream for the page. */
    String trainStream() {
        return Paths.withQuery(Paths.LAB_TRAIN, query);
    }

    String trainNdjson() {
        return Paths.withQuery(Paths.API_TRAIN, query);
    }

    String trainCsv() {
        return Paths.withQuery(Paths.API_TRAIN, csvQuery);
    }
}
