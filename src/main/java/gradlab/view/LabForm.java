package gradlab.view;

import static j2html.TagCreator.a;
import static j2html.TagCreator.button;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.fieldset;
import static j2html.TagCreator.form;
import static j2html.TagCreator.input;
import static j2html.TagCreator.label;
import static j2html.TagCreator.legend;
import static j2html.TagCreator.noscript;
import static j2html.TagCreator.option;
import static j2html.TagCreator.optgroup;
import static j2html.TagCreator.p;
import static j2html.TagCreator.select;
import static j2html.TagCreator.span;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import j2html.tags.DomContent;
import j2html.tags.Tag;
import j2html.tags.specialized.InputTag;
import j2html.tags.specialized.SelectTag;

import gradlab.data.Generator;
import gradlab.engine.Activation;
import gradlab.engine.Loss;
import gradlab.engine.Procedure;
import gradlab.lab.DataSource;
import gradlab.lab.LabSpec;
import gradlab.lab.Limits;
import gradlab.lab.Param;

/**
 * The lab's form: every control labelled and explained in one line, with a place for its
 * error message. Any change asks the server for a new comparison (debounced) and puts the
 * state in the address bar; without JavaScript the form still submits.
 */
public final class LabForm {
    /** The id of the form, for hx-include. */
    public static final String ID = "lab-form";
    /** The parameters the form has a field for; an error on any other shows under the form. */
    public static final List<String> FIELDS = Arrays.stream(Param.values()).filter(Param::inForm).map(Param::id).toList();
    /** Where an error on a parameter without a field is shown. */
    public static final String GENERAL = "query";

    private LabForm() {
    }

    /**
     * A control of a page's own parameter (at, along, plane) that the page's script leaves out of
     * a request, and so out of the address, while it holds the parameter's default: a link carries
     * only what differs, as the server writes links.
     */
    static <T extends Tag<T>> T leftOutAtDefault(T control, Param p) {
        return control.attr("data-default", p.fallback());
    }

    /** The id of the element that shows a parameter's error message. */
    public static String errorId(String param) {
        return "error-" + param;
    }

    public static DomContent render(FormValues v, Limits limits, String errorParam, String errorMessage) {
        return render(v, limits, errorParam, errorMessage, Set.of(), true, NoiseMeter.empty());
    }

    /** The form with the noise meter beside the batch field. */
    public static DomContent render(FormValues v, Limits limits, String errorParam, String errorMessage,
                                    DomContent noiseMeter) {
        return render(v, limits, errorParam, errorMessage, Set.of(), true, noiseMeter);
    }

    /**
     * The form with some controls hidden (a lesson fixes their values) and, inside a lesson,
     * without changing the address bar.
     */
    public static DomContent render(FormValues v, Limits limits, String errorParam, String errorMessage,
                                    Set<String> hidden, boolean pushUrl, DomContent noiseMeter) {
        Fields f = new Fields(v, limits, hidden, errorParam, errorMessage);
        return form(
                fieldset(legend("Data"),
                        f.field(Param.DATA, dataSelect(v.get(Param.DATA))),
                        hidden.contains(Param.DATA.id()) ? null
                                : p(a("Use your own data (CSV)").withHref(Paths.UPLOAD)).withClass("hint own-data"),
                        f.field(Param.N, number(Param.N, v, limits)),
                        f.field(Param.NOISE, noise(v, limits), noiseNote(v)),
                        f.field(Param.SEED, number(Param.SEED, v, limits))),
                fieldset(legend("Network and loss"),
                        f.field(Param.HIDDEN, text(Param.HIDDEN, v, "none")),
                        f.field(Param.ACT, choices(Param.ACT, v, Arrays.stream(Activation.values()).map(Activation::id).toList())),
                        f.field(Param.LOSS, choices(Param.LOSS, v, Arrays.stream(Loss.values()).map(Loss::id).toList()))),
                fieldset(legend("Gradient"),
                        f.field(Param.BATCH, number(Param.BATCH, v, limits).attr("placeholder", "n"), noiseMeter),
                        f.field(Param.MICRO, text(Param.MICRO, v, "none")),
                        f.field(Param.NAIVE, naiveSelect(v.get(Param.NAIVE)))),
                fieldset(legend("Training"),
                        f.field(Param.LR, number(Param.LR, v, limits)),
                        f.field(Param.STEPS, number(Param.STEPS, v, limits))),
                noscript(button("Compare").withType("submit").withClass("primary")),
                errorSlot(GENERAL, errorParam != null && !FIELDS.contains(errorParam) ? GENERAL : null, errorMessage)
        ).withId(ID).withClass("lab-form")
                .attr("action", Paths.LAB).attr("method", "get")
                // the server checks every value and says what is wrong; the browser's own checks
                // would silently stop htmx from asking (and refuse good values off the step)
                .attr("novalidate", "novalidate")
                .attr("data-hx-get", Paths.LAB)
                // leaving a text field fires change after its input was sent: the server then
                // answers without a second history entry (LabController)
                .attr("data-hx-trigger", "input delay:300ms, change delay:300ms")
                .attr("data-hx-target", "#" + ComparisonView.ID)
                .attr("data-hx-swap", "outerHTML")
                .attr("data-hx-push-url", pushUrl ? "true" : "false")
                .attr("data-hx-sync", "this:replace")
                .attr("data-hx-indicator", "#" + ComparisonView.ID);
    }

    /**
     * An error message for a field, or the empty slot that will receive one. Its field is
     * described by it; the page's status line announces a new message.
     */
    public static DomContent errorSlot(String param, String errorParam, String errorMessage) {
        boolean mine = param.equals(errorParam);
        return p(mine ? errorMessage : "").withId(errorId(param)).withClass("field-error");
    }

    /** Renders each field, or a hidden input for a control the lesson hides. */
    private record Fields(FormValues values, Limits limits, Set<String> hidden, String errorParam, String errorMessage) {
        DomContent field(Param p, Tag<?> control) {
            return field(p, control, null);
        }

        /** The field with a note under its control ({@code after} may be null). */
        DomContent field(Param p, Tag<?> control, DomContent after) {
            String param = p.id();
            if (hidden.contains(param)) {
                return input().withType("hidden").withName(param).withValue(values.get(p));
            }
            // the page's script keeps aria-invalid in step with the message when htmx brings one
            control.attr("aria-describedby", errorId(param)).condAttr(param.equals(errorParam), "aria-invalid", "true");
            return div(
                    label(span(p.label()).withClass("name"), span(p.hint(limits)).withClass("hint")).attr("for", "f-" + param),
                    control,
                    after,
                    errorSlot(param, errorParam, errorMessage)
            ).withClass(param.equals(errorParam) ? "field invalid" : "field");
        }
    }

    /** A number field with the parameter's bounds (no min where the least value is above a bound). */
    private static InputTag number(Param p, FormValues v, Limits limits) {
        Param.Bounds b = p.bounds().orElseThrow();
        var in = input().withType("number").withName(p.id()).withId("f-" + p.id()).withValue(v.get(p))
                .attr("step", b.step()).attr("inputmode", "decimal");
        if (!b.above()) {
            in.attr("min", LabSpec.plain(b.min()));
        }
        return in.attr("max", LabSpec.plain(b.most(limits)));
    }

    /** The id of the note that says noise does nothing for uploaded data. */
    static final String NOISE_NOTE = "noise-upload";

    /** The noise field: off while the data are an upload (noise shapes only the built-in data). */
    private static InputTag noise(FormValues v, Limits limits) {
        return number(Param.NOISE, v, limits).condAttr(DataSource.Upload.named(v.get(Param.DATA)), "disabled", "disabled");
    }

    /** The note that says so, shown only while the data are an upload. */
    private static DomContent noiseNote(FormValues v) {
        return p("Your uploaded data are used as they are: noise shapes only the built-in data sets.")
                .withId(NOISE_NOTE).withClass("hint").condAttr(!DataSource.Upload.named(v.get(Param.DATA)), "hidden", "hidden");
    }

    private static InputTag text(Param p, FormValues v, String placeholder) {
        return input().withType("text").withName(p.id()).withId("f-" + p.id()).withValue(v.get(p))
                .attr("placeholder", placeholder).attr("autocomplete", "off").attr("spellcheck", "false");
    }

    private static SelectTag choices(Param p, FormValues v, List<String> options) {
        String value = v.get(p);
        return select(each(options, o -> option(o).withValue(o).condAttr(o.equals(value), "selected", "selected")))
                .withName(p.id()).withId("f-" + p.id());
    }

    /** The built-in data sets grouped by kind, and the upload in use, if any. */
    private static SelectTag dataSelect(String value) {
        boolean upload = value.startsWith("u-");
        return select(
                optgroup(each(generators(0), g -> opt(g.id(), value))).attr("label", "1-D regression"),
                optgroup(each(generators(2), g -> opt(g.id(), value))).attr("label", "2 classes"),
                optgroup(each(generators(3), g -> opt(g.id(), value))).attr("label", "3 classes"),
                upload ? optgroup(opt(value, value)).attr("label", "your data") : null
        ).withName("data").withId("f-data");
    }

    private static List<Generator> generators(int classes) {
        return Arrays.stream(Generator.values()).filter(g -> g.classes() == classes).toList();
    }

    private static DomContent opt(String id, String value) {
        return option(id).withValue(id).condAttr(id.equals(value), "selected", "selected");
    }

    /** Every naive procedure together, each alone, or none. */
    private static SelectTag naiveSelect(String value) {
        List<Procedure> all = LabSpec.NAIVE;
        String both = LabSpec.ids(all);
        String bothWords = all.stream().map(Procedure::id).collect(Collectors.joining(" and "));
        return select(
                option(bothWords).withValue(both).condAttr(value.equals(both), "selected", "selected"),
                each(all, p -> opt(p.id(), value)),
                option("none").withValue("").condAttr(value.isEmpty(), "selected", "selected")
        ).withName("naive").withId("f-naive");
    }
}
