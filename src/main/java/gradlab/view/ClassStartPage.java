package gradlab.view;

import static j2html.TagCreator.button;
import static j2html.TagCreator.div;
import static j2html.TagCreator.fieldset;
import static j2html.TagCreator.form;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.input;
import static j2html.TagCreator.label;
import static j2html.TagCreator.legend;
import static j2html.TagCreator.li;
import static j2html.TagCreator.p;
import static j2html.TagCreator.span;
import static j2html.TagCreator.ul;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import j2html.tags.DomContent;

import gradlab.lab.Classes;
import gradlab.lab.Lesson;

/**
 * GET /class: an instructor picks the lessons of a class and starts it. The lessons that ask
 * for predictions come first and say so.
 */
public final class ClassStartPage {
    /** The form's field of lesson ids. */
    public static final String FIELD = "lessons";
    static final String ERROR_ID = "error-lessons";
    static final String DESCRIPTION = "Start a class: students join with a code and predict together; "
            + "you reveal the answers and move them on.";

    private ClassStartPage() {
    }

    /**
     * The form; {@code picked} are the ids to check (null: none yet), {@code error} a message
     * about the lessons field, or null.
     */
    public static String page(List<Lesson> lessons, Classes.Caps caps, Set<String> picked, String error) {
        List<DomContent> boxes = new ArrayList<>();
        for (Lesson l : ordered(lessons)) {
            boolean asks = !l.questions().isEmpty();
            boolean checked = picked != null && picked.contains(l.id());
            String id = "lesson-" + l.id();
            boxes.add(li(
                    input().withType("checkbox").withName(FIELD).withValue(l.id()).withId(id)
                            .condAttr(checked, "checked", "checked"),
                    label(span(l.title()).withClass("name"),
                            span(asks ? "asks for " + predictions(l.questions().size()) : "no prediction")
                                    .withClass(asks ? "hint asks" : "hint")).attr("for", id)));
        }
        return Layout.page("Start a class", DESCRIPTION,
                div(h1("Start a class"),
                        p("Pick the lessons your class will follow, in this order. Your students open "
                                + "the join page on their phones and type the class's code; you show your "
                                + "class's page on the projector, reveal the answers when everyone has "
                                + "predicted, and move the class on.")).withClass("intro"),
                form(
                        fieldset(legend("Lessons"),
                                p("Lessons that ask for predictions come first.").withClass("hint"),
                                ul(boxes.toArray(new DomContent[0])).withClass("lesson-picks"),
                                p(error == null ? "" : error).withId(ERROR_ID).withClass("field-error")
                                        .condAttr(error != null, "role", "alert")
                        ).attr("aria-describedby", ERROR_ID),
                        button("Start the class").withType("submit").withClass("primary")
                ).attr("method", "post").attr("action", Paths.CLASS).withClass("panel class-form"),
                p("The class lives in this server's memory only: nothing is written to disk, there are no "
                        + "accounts and no names. It is forgotten after " + hours(caps.idle())
                        + " without use; download its predictions before then.").withClass("note"));
    }

    /** The lessons that ask for predictions first, each group in the lessons' order. */
    static List<Lesson> ordered(List<Lesson> lessons) {
        List<Lesson> out = new ArrayList<>();
        lessons.stream().filter(l -> !l.questions().isEmpty()).forEach(out::add);
        lessons.stream().filter(l -> l.questions().isEmpty()).forEach(out::add);
        return out;
    }

    private static String predictions(int n) {
        return n == 1 ? "a prediction" : n + " predictions";
    }

    static String hours(Duration d) {
        long h = d.toHours();
        return h == 1 ? "an hour" : h + " hours";
    }
}
