package gradlab.view;

import static j2html.TagCreator.a;
import static j2html.TagCreator.button;
import static j2html.TagCreator.caption;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.input;
import static j2html.TagCreator.label;
import static j2html.TagCreator.li;
import static j2html.TagCreator.p;
import static j2html.TagCreator.section;
import static j2html.TagCreator.span;
import static j2html.TagCreator.strong;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.template;
import static j2html.TagCreator.td;
import static j2html.TagCreator.text;
import static j2html.TagCreator.th;
import static j2html.TagCreator.thead;
import static j2html.TagCreator.tr;
import static j2html.TagCreator.ul;

import java.util.ArrayList;
import java.util.List;

import j2html.tags.ContainerTag;
import j2html.tags.DomContent;

import gradlab.engine.Procedure;
import gradlab.engine.Trainer;
import gradlab.lab.LabSpec;

/**
 * Training in the page. "Train" swaps in a panel whose stream element opens
 * {@code GET /lab/train} (server-sent events); each event's HTML lands in its own place:
 * the status line, the table's rows, the charts, the summary. "Stop" (in the static script)
 * removes the stream element, which closes the stream, and the server frees the run.
 */
public final class TrainingView {
    /** The id of the training section. */
    public static final String ID = "training";
    static final String STREAM_ID = "run-stream";
    /**
     * The id of the run's button: Train, then Stop, then Train again. One id, so that the focus
     * stays on the button when a swap replaces it (htmx gives it back by id).
     */
    static final String BUTTON_ID = "run-button";

    /** The events of a training stream: the names in sse-swap are the names the server sends. */
    public enum Event {
        QUEUED("queued"), PROGRESS("progress"), ROW("row"), CHARTS("charts"), SUMMARY("summary"), DONE("done");

        private final String id;

        Event(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    private TrainingView() {
    }

    /** Before any run: what training does, and the button. */
    public static ContainerTag<?> idle() {
        return section(idleContent()).withId(ID).withClass("training");
    }

    private static DomContent idleContent() {
        return each(
                h2("Training"),
                p("Train one copy of the network per procedure, all from the same θ0 and on the same minibatches, "
                        + "and watch the cost J of each copy.").withClass("lede"),
                div(runButton("Train")).withId("run-controls").withClass("controls"));
    }

    /** Train (under any label) where the run's button stands: Stop's place before and after a run. */
    private static ContainerTag<?> runButton(String label) {
        return trainButton(label).withId(BUTTON_ID);
    }

    private static ContainerTag<?> trainButton(String label) {
        return button(label).withType("button").withClass("primary")
                .attr("data-hx-get", Paths.LAB_RUN)
                .attr("data-hx-include", "#" + LabForm.ID)
                .attr("data-hx-target", "#" + ID)
                .attr("data-hx-swap", "innerHTML");
    }

    /**
     * The panel of a starting run: its stream element, the places its events fill, and Stop (which
     * takes the focus). The run's settings are kept, so that the page can say when the form has
     * moved on from them; the progress line is no live region (a screen reader would hear every
     * step), the summary is.
     */
    public static DomContent running(LabSpec spec, List<Procedure> copies) {
        LabLinks links = LabLinks.of(spec);
        return each(
                h2("Training"),
                p(text(Format.count(spec.steps(), "step") + " of SGD with lr = " + Format.plain(spec.lr())
                        + " on minibatches of " + Format.count(spec.batch(), "example") + ". The same run as "),
                        a("CSV").withHref(links.trainCsv()),
                        text(" or "),
                        a("NDJSON").withHref(links.trainNdjson()),
                        text(".")).withClass("lede"),
                p("These results are of the settings the run started with: the form has changed since. "
                        + "Train again to train what the form says.").withId("run-stale").withClass("note stale")
                        .attr("hidden", "hidden").attr("data-run-spec", links.query()),
                p("Starting…").withId("run-status").withClass("status"),
                div(button("Stop").withType("button").withId(BUTTON_ID).attr("data-stop", "stop")
                        .attr("autofocus", "autofocus")).withId("run-controls").withClass("controls"),
                template(trainButton("Train again")).withId("stopped-controls"),
                div(
                        swap(Event.QUEUED, "#run-status", "innerHTML"),
                        swap(Event.PROGRESS, "#run-status", "innerHTML"),
                        swap(Event.ROW, "#run-rows", "beforeend"),
                        swap(Event.CHARTS, "#run-charts", "innerHTML"),
                        swap(Event.SUMMARY, "#run-summary", "innerHTML"),
                        swap(Event.DONE, "#run-controls", "innerHTML")
                ).withId(STREAM_ID).attr("data-hx-ext", "sse").attr("data-sse-connect", links.trainStream()).attr("data-sse-close", Event.DONE.id()),
                div().withId("run-summary").withClass("summary").attr("aria-live", "polite")
                        .attr("data-steps", Integer.toString(spec.steps())),
                div(input().withType("checkbox").withId("logscale"),
                        label(" log scale for J").attr("for", "logscale")).withClass("toggle"),
                div().withId("run-charts").withClass("charts"),
                ScrollBox.labelledBy("caption-run", "table-wrap scroll", table(
                        caption("Cost J of each copy, and each naive copy's cosine to the true gradient, at every "
                                + "recorded step").withId("caption-run"),
                        thead(header(copies)), tbody().withId("run-rows")).withClass("data")),
                Glossary.list("The terms in this table", List.of("J", "cos"), copies));
    }

    private static DomContent swap(Event e, String target, String how) {
        return div().attr("data-sse-swap", e.id()).attr("data-hx-target", target).attr("data-hx-swap", how);
    }

    /** The controls when the run could not start because its query was refused. */
    public static DomContent refused(String message) {
        return each(p(message).withClass("status error"), runButton("Train again"));
    }

    /** The controls when the server's queue is full. */
    public static DomContent busy() {
        return each(p("The class server is busy: try again in a minute.").withClass("status error"), runButton("Try again"));
    }

    /** The controls when this browser already has as many runs as it may: the message says how many. */
    public static DomContent tooMany(String message) {
        return each(p(message).withClass("status error"), runButton("Try again"));
    }

    /** The controls when the server stops before the run could start. */
    public static DomContent serverStopping() {
        return each(p("The server is stopping: this run did not start. Try again in a minute.")
                .withClass("status error"), runButton("Try again"));
    }

    /** The controls when a run failed on the server. */
    public static DomContent failed() {
        return each(p("This run failed on the server. Please try again.").withClass("status error"), runButton("Train again"));
    }

    /** The controls once the run has ended: Train again, in Stop's place (and with its focus, if it had it). */
    public static DomContent done() {
        return runButton("Train again");
    }

    public static DomContent queued(int ahead) {
        return text(ahead == 0 ? "Waiting — you are next." : "Waiting — " + ahead + (ahead == 1 ? " run" : " runs")
                + " ahead of you.");
    }

    public static DomContent progress(int step, int steps, double seconds) {
        return text("Step " + step + " of " + steps + " · " + Decimal.fixed(seconds, 1) + " s");
    }

    private static DomContent header(List<Procedure> copies) {
        List<DomContent> cells = new ArrayList<>();
        cells.add(th("step"));
        for (Procedure id : copies) {
            cells.add(th(Glossary.term("J"), text(" " + id.id())).attr("data-proc", id.id()));
        }
        for (Procedure id : copies) {
            if (id.isNaive()) {
                cells.add(th(Glossary.term("cos"), text(" " + id.id())));
            }
        }
        for (Procedure id : copies) {
            if (id.isNaive()) {
                cells.add(th(Glossary.term("relative error"), text(" " + id.id())));
            }
        }
        return tr(cells.toArray(new DomContent[0]));
    }

    /** One table row per recorded step. */
    public static DomContent row(Trainer.Record r) {
        List<DomContent> cells = new ArrayList<>();
        cells.add(th(Integer.toString(r.step())).attr("scope", "row"));
        r.copies().forEach((id, s) -> cells.add(s.diverged()
                ? td("diverged").withClass("num diverged") : td(Format.num(s.cost())).withClass("num")));
        r.copies().forEach((id, s) -> {
            if (id.isNaive()) {
                cells.add(s.diverged() ? td("—").withClass("num") : td(Format.num(s.cosine())).withClass("num"));
            }
        });
        r.copies().forEach((id, s) -> {
            if (id.isNaive()) {
                cells.add(s.diverged() ? td("—").withClass("num") : td(Format.num(s.relativeError())).withClass("num"));
            }
        });
        return tr(cells.toArray(new DomContent[0]));
    }

    /** The summary in words. */
    public static DomContent summary(Trainer.Summary s) {
        String how = switch (s.end()) {
            case COMPLETED -> "After " + Format.count(s.steps(), "step");
            case STOPPED -> "Stopped after " + Format.count(s.steps(), "step");
            case BUDGET -> "This server's work budget ended the run after " + Format.count(s.steps(), "step");
        };
        // none when a stopping server ended a run before its first record
        Trainer.CopySummary reference = s.copies().values().stream().findFirst().orElse(null);
        List<DomContent> items = new ArrayList<>();
        s.copies().forEach((id, c) -> {
            DomContent name = span(id.id()).withClass("proc").attr("data-proc", id.id());
            if (c.diverged()) {
                items.add(li(name, text(" diverged at step " + c.divergedAtStep()
                        + (Double.isFinite(c.finalCost()) ? "; its last cost was J = " + Format.num(c.finalCost()) : "")
                        + ".")));
            } else {
                items.add(li(name, text(" reached J = "), strong(Format.num(c.finalCost())), text(relative(c, reference))));
            }
        });
        List<String> lower = lowerThanCorrect(s);
        return each(p(how + ":"), ul(items.toArray(new DomContent[0])),
                lower.isEmpty() ? null : p(lowerWords(lower, s.steps())).withClass("note"));
    }

    /** The naive copies that ended below the correct copy's cost (which did not diverge). */
    static List<String> lowerThanCorrect(Trainer.Summary s) {
        Trainer.CopySummary reference = s.copies().get(Procedure.REFERENCE);
        if (reference == null || reference.diverged() || !Double.isFinite(reference.finalCost())) {
            return List.of();
        }
        // by more than 1 %, so that rounding never calls two equal runs different
        double below = reference.finalCost() - 0.01 * Math.abs(reference.finalCost());
        List<String> lower = new ArrayList<>();
        s.copies().forEach((id, c) -> {
            if (id.isNaive() && !c.diverged() && c.finalCost() < below) {
                lower.add(id.id());
            }
        });
        return lower;
    }

    /** Why a shortcut's copy can end lower on one run, without its gradient being right. */
    private static String lowerWords(List<String> lower, int steps) {
        String who = Coinciding.words(lower);
        boolean one = lower.size() == 1;
        return who + " ended below the correct copy on this run. That does not make "
                + (one ? "its gradient" : "their gradients") + " right: the relative error in the table and its chart "
                + "shows how far each step's direction was from the true gradient. Each copy follows its own path "
                + "through the same minibatches, and a path of wrong steps can happen to end lower after "
                + Format.count(steps, "step") + ", above all on small, noisy minibatches. The correct gradient is the "
                + "steepest way down J from where a copy stands, each step; it does not promise the lowest J at the end "
                + "of a run.";
    }

    private static String relative(Trainer.CopySummary c, Trainer.CopySummary reference) {
        if (c == reference || reference.diverged() || !(reference.finalCost() > 0) || !(c.finalCost() > 0)) {
            return ".";
        }
        double ratio = c.finalCost() / reference.finalCost();
        if (ratio > 1.01) {
            return ", " + Format.num(ratio) + " times the correct copy's.";
        }
        if (ratio < 0.99) {
            return ", below the correct copy's.";
        }
        return ", the same as the correct copy's.";
    }
}
