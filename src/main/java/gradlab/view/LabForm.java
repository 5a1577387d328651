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
import j2html.tags.specialized.SelectTag;

import gradlab.data.Generator;
import gradlab.engine.Activation;
import gradlab.engine.Loss;
import gradlab.engine.Procedure;
import gradlab.lab.LabSpec;
import gradlab.lab.Limits;

/**
 * The lab's form: every control labelled and explained in one line, with a place for its
 * error message. Any change asks the server for a new comparison (debounced) and puts the
 * state in the address bar; without JavaScript the form still submits.
 */
public final class LabForm {
    /** The id of the form, for hx-include. */
    public static final String ID = "lab-form";
    /** The parameters the form has a field for; an error on any other shows under the form. */
    public static final java.util.List<String> FIELDS = gradlab.lab.LabSpec.PARAMS.stream()
            .filter(p -> !p.equals("format")).toList();
    /** Where an error on a parameter without a field is shown. */
    public static final String GENERAL = "query";

    private LabForm() {
    }

    /** The id of the element that shows a parameter's error message. */
    public static String errorId(String param) {
        return "error-" + param;
    }

    public static DomContent render(FormValues v, Limits limits, String errorParam, String errorMessage) {
        return render(v, limits, errorParam, errorMessage, Set.of(), true);
    }

    /**
     * The form with some controls hidden (a lesson fixes their values) and, inside a lesson,
     * without changing the address bar.
     */
    public static DomContent render(FormValues v, Limits limits, String errorParam, String errorMessage,
                                    Set<String> hidden, boolean pushUrl) {
        Fields f = new Fields(v, hidden, errorParam, errorMessage);
        return form(
                fieldset(legend("Data"),
                        f.field("data", "data", "the examples: curves to fit, or points to classify", dataSelect(v.get("data"))),
                        hidden.contains("data") ? null
                                : p(a("Use your own data (CSV)").withHref(Paths.UPLOAD)).withClass("hint own-data"),
                        f.field("n", "n", "how many examples, 1–" + limits.maxN(),
                                number("n", v.get("n"), "1", Integer.toString(limits.maxN()), "1")),
                        f.field("noise", "noise", "how far the data scatter from the pattern, 0–1",
                                number("noise", v.get("noise"), "0", "1", "0.05")),
                        f.field("seed", "seed", "one number fixes θ0, the data and the minibatch order",
                                number("seed", v.get("seed"), "0", Integer.toString(LabSpec.MAX_SEED), "1"))),
                fieldset(legend("Network and loss"),
                        f.field("hidden", "hidden layers", "widths, e.g. 8,8 (up to " + limits.maxLayers() + " layers of 1–"
                                + limits.maxWidth() + "); empty for none", text("hidden", v.get("hidden"), "none")),
                        f.field("act", "activation φ", "the non-linearity of the hidden layers",
                                choices("act", v.get("act"), List.of(Activation.values()).stream().map(Activation::id).toList())),
                        f.field("loss", "loss ℓ", "per example; bce and ce are for classes, linear has no minimum",
                                choices("loss", v.get("loss"), List.of(Loss.values()).stream().map(Loss::id).toList()))),
                fieldset(legend("Gradient"),
                        f.field("batch", "batch", "examples per gradient step; empty for all n",
                                number("batch", v.get("batch"), "1", Integer.toString(limits.maxN()), "1")
                                        .attr("placeholder", "n")),
                        f.field("micro", "micro-batches", "sizes summing to batch, e.g. 8,24, to compare accumulation",
                                text("micro", v.get("micro"), "none")),
                        f.field("naive", "naive procedures", "the shortcuts shown beside the correct gradient",
                                naiveSelect(v.get("naive")))),
                fieldset(legend("Training"),
                        f.field("lr", "learning rate", "the SGD step size, 0 < lr ≤ " + (int) LabSpec.MAX_LR,
                                number("lr", v.get("lr"), null, Integer.toString((int) LabSpec.MAX_LR), "any")),
                        f.field("steps", "steps", "how many SGD steps Train takes, 1–" + limits.maxSteps(),
                                number("steps", v.get("steps"), "1", Integer.toString(limits.maxSteps()), "1"))),
                noscript(button("Compare").withType("submit").withClass("primary")),
                errorSlot(GENERAL, errorParam != null && !FIELDS.contains(errorParam) ? GENERAL : null, errorMessage)
        ).withId(ID).withClass("lab-form")
                .attr("action", Paths.LAB).attr("method", "get")
                // the server checks every value and says what is wrong; the browser's own checks
                // would silently stop htmx from asking (and refuse good values off the step)
                .attr("novalidate", "novalidate")
                .attr("hx-get", Paths.LAB)
                .attr("hx-trigger", "input delay:300ms, change delay:300ms")
                .attr("hx-target", "#" + ComparisonView.ID)
                .attr("hx-swap", "outerHTML")
                .attr("hx-push-url", pushUrl ? "true" : "false")
                .attr("hx-sync", "this:replace")
                .attr("hx-indicator", "#" + ComparisonView.ID);
    }

    /** An error message for a field, or the empty slot that will receive one. */
    public static DomContent errorSlot(String param, String errorParam, String errorMessage) {
        boolean mine = param.equals(errorParam);
        return p(mine ? errorMessage : "").withId(errorId(param)).withClass("field-error")
                .attr("aria-live", "polite");
    }

    /** Renders each field, or a hidden input for a control the lesson hides. */
    private record Fields(FormValues values, Set<String> hidden, String errorParam, String errorMessage) {
        DomContent field(String param, String name, String hint, DomContent control) {
            if (hidden.contains(param)) {
                return input().withType("hidden").withName(param).withValue(values.get(param));
            }
            return div(
                    label(span(name).withClass("name"), span(hint).withClass("hint")).attr("for", "f-" + param),
                    control,
                    errorSlot(param, errorParam, errorMessage)
            ).withClass(param.equals(errorParam) ? "field invalid" : "field");
        }
    }

    private static j2html.tags.specialized.InputTag number(String name, String value, String min, String max, String step) {
        var in = input().withType("number").withName(name).withId("f-" + name).withValue(value)
                .attr("step", step).attr("inputmode", "decimal");
        if (min != null) {
            in.attr("min", min);
        }
        return in.attr("max", max);
    }

    private static j2html.tags.specialized.InputTag text(String name, String value, String placeholder) {
        return input().withType("text").withName(name).withId("f-" + name).withValue(value)
                .attr("placeholder", placeholder).attr("autocomplete", "off").attr("spellcheck", "false");
    }

    private static SelectTag choices(String name, String value, List<String> options) {
        return select(each(options, o -> option(o).withValue(o).condAttr(o.equals(value), "selected", "selected")))
                .withName(name).withId("f-" + name);
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
