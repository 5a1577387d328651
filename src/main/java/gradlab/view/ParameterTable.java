package gradlab.view;

import static j2html.TagCreator.a;
import static j2html.TagCreator.details;
import static j2html.TagCreator.p;
import static j2html.TagCreator.summary;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.td;
import static j2html.TagCreator.text;
import static j2html.TagCreator.th;
import static j2html.TagCreator.thead;
import static j2html.TagCreator.tr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import j2html.tags.DomContent;

import gradlab.engine.Parameters;
import gradlab.engine.Procedure;
import gradlab.lab.Comparison;

/**
 * Every parameter's gradient, correct beside naive, for a net small enough to read row by
 * row. A big net's table would outweigh the page (DESIGN: at most 300 KB) and nobody reads
 * thousands of rows: it shows the parameters with the largest true gradient, as the bars do,
 * and links to the whole table as CSV.
 */
final class ParameterTable {
    /** The table shows at most this many parameters; a net with more shows the largest. */
    static final int MAX_ROWS = 200;

    private static final Procedure REF = Procedure.REFERENCE;

    private ParameterTable() {
    }

    static DomContent render(Comparison c, List<Procedure> shown, LabLinks links) {
        Parameters correct = c.gradients().get(REF);
        double[] cf = correct.flat();
        List<double[]> naive = shown.stream().map(id -> c.gradients().get(id).flat()).toList();
        List<Integer> rows = largest(cf, MAX_ROWS);
        boolean cut = rows.size() < cf.length;
        List<DomContent> header = new ArrayList<>();
        header.add(th("parameter"));
        header.add(th(REF.id()));
        for (Procedure id : shown) {
            header.add(th(id.id()));
            header.add(th("difference").attr("title", id.id() + " − " + REF.id()));
        }
        List<DomContent> body = new ArrayList<>();
        for (int j : rows) {
            List<DomContent> cells = new ArrayList<>();
            cells.add(th(correct.scalarName(j)).attr("scope", "row"));
            cells.add(td(Format.num(cf[j])).withClass("num"));
            for (double[] g : naive) {
                cells.add(td(Format.num(g[j])).withClass("num"));
                cells.add(td(Format.num(g[j] - cf[j])).withClass("num diff"));
            }
            body.add(tr(cells.toArray(new DomContent[0])));
        }
        return details(
                summary(cut ? "The largest gradients (" + rows.size() + " of " + cf.length + " parameters)"
                        : "Every parameter's gradient (" + cf.length + ")"),
                ScrollBox.labelled("Each parameter's gradient", "table-wrap scroll",
                        table(thead(tr(header.toArray(new DomContent[0]))), tbody(body.toArray(new DomContent[0])))
                                .withClass("data")),
                cut ? p(text("The " + rows.size() + " parameters with the largest true gradient, of " + cf.length
                                + ", in θ's order; the whole table as "),
                        a("CSV").withHref(links.csv()),
                        text(" or "),
                        a("JSON").withHref(links.json()),
                        text(".")).withClass("note") : null
        ).withClass("parameters");
    }

    /** The indices of the at most {@code k} largest |v_j| (the first on a tie), in θ's order. */
    static List<Integer> largest(double[] v, int k) {
        if (v.length <= k) {
            return IntStream.range(0, v.length).boxed().toList();
        }
        return IntStream.range(0, v.length).boxed()
                .sorted(Comparator.comparingDouble((Integer j) -> -Math.abs(v[j])).thenComparing(j -> j))
                .limit(k).sorted().toList();
    }
}
