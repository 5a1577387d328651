package gradlab.view;

import static j2html.TagCreator.a;
import static j2html.TagCreator.button;
import static j2html.TagCreator.caption;
import static j2html.TagCreator.details;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.figure;
import static j2html.TagCreator.form;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.h3;
import static j2html.TagCreator.p;
import static j2html.TagCreator.section;
import static j2html.TagCreator.span;
import static j2html.TagCreator.strong;
import static j2html.TagCreator.summary;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.td;
import static j2html.TagCreator.text;
import static j2html.TagCreator.th;
import static j2html.TagCreator.thead;
import static j2html.TagCreator.tr;

import java.util.ArrayList;
import java.util.List;

import j2html.tags.DomContent;

import gradlab.lab.ClassRoom;
import gradlab.lab.Question;
import gradlab.view.svg.HistogramChart;
import gradlab.view.svg.SvgElement;

/**
 * /class/{code}/teach: the instructor's page, made to be projected. The code large and where
 * to type it; how many students have joined; for each question of the current lesson the
 * spread of the class's predictions, and the true value once revealed; Reveal, Next and the
 * predictions as CSV. The count and the board are kept live by the instructor's stream.
 */
public final class TeachPage {
    /** The events of the instructor's stream: the names in sse-swap are the names the server sends. */
    public enum Event {
        JOINED("joined"), PREDICTIONS("predictions");

        private final String id;

        Event(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    static final String STUDENTS_ID = "class-students";
    static final String BOARD_ID = "class-board";
    /** Bins of a histogram over the slider's range. */
    static final int BINS = 10;

    private TeachPage() {
    }

    /**
     * The page; {@code joinAddress} is the join page's full address as students reach it, and
     * {@code projectorLink} the address that lets another screen act as the instructor (its key
     * in the query), shown once, else null.
     */
    public static String page(String code, String joinAddress, ClassRoom.InstructorState s, String projectorLink) {
        String shown = joinAddress.replaceFirst("^https?://", "");
        return Layout.page("Class " + code, "Your class's live page: the code, the students, their predictions.",
                // the stream's element holds every place its events fill, none of them itself (a
                // reconnected stream finds the places among its descendants)
                div(
                        div(
                                h1(text("Class "), span(code).withId("class-code").withClass("class-code")),
                                p(text("Students: open "), a(shown).withHref(joinAddress).withClass("join-address"),
                                        text(" and type the code "), strong(code).withClass("class-code-inline"),
                                        text(".")).withClass("join-how"),
                                p(students(s.students())).withId(STUDENTS_ID).withClass("class-students")
                                        .attr("data-sse-swap", Event.JOINED.id())
                        ).withClass("class-head"),
                        div(board(code, s)).withId(BOARD_ID).withClass("class-board")
                                .attr("data-sse-swap", Event.PREDICTIONS.id())
                ).attr("data-hx-ext", "sse").attr("data-sse-connect", Paths.ofClass(Paths.CLASS_TEACH_EVENTS, code)),
                section(
                        h2("Afterwards"),
                        p(a("Download the predictions (CSV)").withHref(Paths.ofClass(Paths.CLASS_CSV, code))
                                        .attr("download", "class-" + code + "-predictions.csv"),
                                text(": one row per prediction, with the question's true value. The class and its "
                                        + "predictions stay on this server until it has been idle for some hours, "
                                        + "in memory only."))
                ).withClass("class-after"),
                projectorLink == null ? null : section(
                        h2("On the projector"),
                        p(text("To show this page on another screen, open this link there. It lets that screen "
                                + "reveal and move the class on as you do, so it is shown only this once: "),
                                a(projectorLink).withHref(projectorLink).withClass("projector-link"))
                ).withClass("class-projector note"));
    }

    /** The joined count, as the stream's {@code joined} event brings it. */
    public static String students(int n) {
        return n == 0 ? "No student has joined yet." : n == 1 ? "1 student has joined." : n + " students have joined.";
    }

    /** The current lesson's board: its questions with the class's predictions, and the controls. */
    public static DomContent board(String code, ClassRoom.InstructorState s) {
        String position = "Lesson " + (s.position() + 1) + " of " + s.lessons();
        if (s.ended()) {
            return each(
                    h2("The class is over"),
                    p("All " + s.lessons() + (s.lessons() == 1 ? " lesson is" : " lessons are") + " done. The students' "
                            + "pages say so. Download the predictions below.").withClass("lede"));
        }
        List<DomContent> questions = new ArrayList<>();
        for (ClassRoom.Tally g : s.guesses()) {
            questions.add(question(g, s.revealed(), questions.size()));
        }
        String state = s.guesses().isEmpty() ? "This lesson asks for no prediction: the students see all of it now."
                : s.revealed() ? "Revealed: the students see the true values and the rest of the lesson."
                : "Predictions are open. Reveal when the class has predicted.";
        boolean last = s.position() + 1 == s.lessons();
        return each(
                h2(text(position + ": "), span(s.lesson().title())),
                p(state).withClass("lede class-state"),
                each(questions, q -> q),
                div(
                        form(button("Reveal").withType("submit").withId("class-reveal").withClass("primary")
                                .condAttr(s.revealed() || s.guesses().isEmpty(), "disabled", "disabled"))
                                .attr("method", "post").attr("action", Paths.ofClass(Paths.CLASS_REVEAL, code))
                                .attr("data-hx-post", Paths.ofClass(Paths.CLASS_REVEAL, code))
                                .attr("data-hx-swap", "none"),
                        form(button(last ? "End the class" : "Next lesson").withType("submit").withId("class-next"))
                                .attr("method", "post").attr("action", Paths.ofClass(Paths.CLASS_NEXT, code))
                                .attr("data-hx-post", Paths.ofClass(Paths.CLASS_NEXT, code))
                                .attr("data-hx-swap", "none")
                ).withClass("controls class-controls"));
    }

    private static DomContent question(ClassRoom.Tally g, boolean revealed, int index) {
        Question q = g.question();
        int[] counts = HistogramChart.counts(g.values(), q.min(), q.max(), BINS);
        String id = "histogram-" + index;
        int n = g.values().length;
        String truth = QuantityFormat.text(q.quantity(), q.truth());
        String said = Format.count(n, "prediction") + (revealed ? "; the true value is " + truth : "");
        SvgElement svg = HistogramChart.render(id, "Predictions of " + q.name(), description(q, counts, n, revealed),
                q.name(), q.min(), q.max(), counts, revealed ? q.truth() : Double.NaN, "true: " + truth);
        return section(
                h3(q.words()),
                p(said + ".").withClass("class-count"),
                figure(div(svg).withClass("chart-scroll")).withClass("chart-figure"),
                details(summary("The counts as a table"), table(
                        caption("Predictions of " + q.name() + ", by range"),
                        thead(tr(th("from").attr("scope", "col"), th("to").attr("scope", "col"),
                                th("students").attr("scope", "col"))),
                        tbody(each(rows(q, counts), r -> r))).withClass("data"))
        ).withClass("class-question").attr("data-question", q.name());
    }

    private static List<DomContent> rows(Question q, int[] counts) {
        List<DomContent> rows = new ArrayList<>();
        for (int b = 0; b < counts.length; b++) {
            double lo = q.min() + (q.max() - q.min()) * b / counts.length;
            double hi = q.min() + (q.max() - q.min()) * (b + 1) / counts.length;
            rows.add(tr(td(Format.num(lo)).withClass("num"), td(Format.num(hi)).withClass("num"),
                    td(Integer.toString(counts[b])).withClass("num")));
        }
        return rows;
    }

    /** The chart in words: how many, where most of them are, and the true value once revealed. */
    private static String description(Question q, int[] counts, int n, boolean revealed) {
        StringBuilder s = new StringBuilder(Format.count(n, "prediction") + " over " + q.range());
        if (n > 0) {
            int most = 0;
            for (int b = 1; b < counts.length; b++) {
                if (counts[b] > counts[most]) {
                    most = b;
                }
            }
            double lo = q.min() + (q.max() - q.min()) * most / counts.length;
            double hi = q.min() + (q.max() - q.min()) * (most + 1) / counts.length;
            s.append("; the most, ").append(counts[most]).append(", between ").append(Format.num(lo)).append(" and ")
                    .append(Format.num(hi));
        }
        if (revealed) {
            s.append("; the true value is ").append(QuantityFormat.text(q.quantity(), q.truth()));
        }
        return s.append('.').toString();
    }
}
