package gradlab.view;

import static j2html.TagCreator.a;
import static j2html.TagCreator.button;
import static j2html.TagCreator.caption;
import static j2html.TagCreator.code;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.form;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.input;
import static j2html.TagCreator.label;
import static j2html.TagCreator.li;
import static j2html.TagCreator.p;
import static j2html.TagCreator.section;
import static j2html.TagCreator.span;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.td;
import static j2html.TagCreator.text;
import static j2html.TagCreator.th;
import static j2html.TagCreator.thead;
import static j2html.TagCreator.tr;
import static j2html.TagCreator.ul;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import j2html.tags.DomContent;

import gradlab.data.DataSet;
import gradlab.lab.Param;
import gradlab.lab.Query;
import gradlab.lab.UploadStore;

/**
 * /upload: what a data file must look like, the form, and after an upload a preview of the
 * table (the columns' roles and the first rows) with the way into the lab.
 */
public final class UploadPage {
    static final int PREVIEW_ROWS = 10;
    static final String DESCRIPTION = "Upload a table of numbers as CSV and compare the correct and the naive "
            + "gradients on it in the lab, like a built-in data set.";

    private UploadPage() {
    }

    public static String page(UploadStore.Caps caps, UploadStore.Upload upload, String error) {
        return Layout.page("Your data", DESCRIPTION,
                div(h1("Your own data"),
                        p("Upload a table of numbers as CSV and use it in the lab like a built-in data set. It stays in "
                                + "this server's memory for " + hours(caps.lifetime()) + " and is never written to disk; "
                                + "its link works for anyone on this server until then.")).withClass("intro"),
                div(
                        section(
                                h2("The file"),
                                ul(
                                        li("a header row of column names, then one row per example;"),
                                        li(text("the targets are the column named "), code("y"), text(", or the columns "),
                                                code("y1"), text(", "), code("y2"), text(", …; otherwise the last column;")),
                                        li("every other column is an input; every value a plain number;"),
                                        li("at most " + caps.maxRows() + " rows, " + caps.maxColumns() + " columns and "
                                                + caps.maxBytes() / 1024 + " KiB.")),
                                form(
                                        label("CSV file").attr("for", "f-file"),
                                        input().withType("file").withName("file").withId("f-file")
                                                .attr("accept", ".csv,text/csv").attr("required", "required"),
                                        button("Upload and preview").withType("submit").withClass("primary")
                                ).attr("method", "post").attr("enctype", "multipart/form-data")
                                        .attr("action", Paths.UPLOAD).withClass("upload-form"),
                                error == null ? null : p(error).withClass("status error").attr("role", "alert")
                        ).withClass("panel"),
                        upload == null ? null : preview(upload)
                ).withClass("upload"));
    }

    private static DomContent preview(UploadStore.Upload upload) {
        DataSet d = upload.data();
        String lab = Paths.withQuery(Paths.LAB, Query.write(Map.of(Param.DATA, upload.id())));
        List<DomContent> head = new ArrayList<>();
        d.inputNames().forEach(n -> head.add(th(span(n), span(" input").withClass("role"))));
        d.targetNames().forEach(n -> head.add(th(span(n), span(" target").withClass("role target"))));
        int rows = Math.min(PREVIEW_ROWS, d.size());
        return section(
                h2("Preview"),
                p(text(Format.count(d.size(), "example") + ", " + Format.count(d.inputs(), "input") + ", "
                        + Format.count(d.targets(), "target") + ". Its id is "),
                        code(upload.id()), text(", until " + upload.expires().toString().replace('T', ' ')
                        .replaceAll("\\.\\d+", "").replace("Z", " UTC") + ".")),
                div(table(
                        caption(rows == d.size() ? (rows == 1 ? "The one row" : "All " + Format.count(rows, "row"))
                                : "The first " + Format.count(rows, "row")),
                        thead(tr(head.toArray(new DomContent[0]))),
                        tbody(each(IntStream.range(0, rows).boxed().toList(), i -> tr(
                                each(IntStream.range(0, d.inputs()).boxed().toList(),
                                        j -> td(Format.num(d.x().get(i, j))).withClass("num")),
                                each(IntStream.range(0, d.targets()).boxed().toList(),
                                        j -> td(Format.num(d.y().get(i, j))).withClass("num")))))
                ).withClass("data")).withClass("table-wrap"),
                p(a("Use it in the lab").withHref(lab).withClass("button primary"))
        ).withClass("panel preview");
    }

    private static String hours(Duration d) {
        long minutes = d.toMinutes();
        return minutes % 60 == 0 ? minutes / 60 + (minutes == 60 ? " hour" : " hours") : minutes + " minutes";
    }

}
