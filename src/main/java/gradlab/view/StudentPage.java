package gradlab.view;

import static j2html.TagCreator.a;
import static j2html.TagCreator.article;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.p;
import static j2html.TagCreator.rawHtml;
import static j2html.TagCreator.section;
import static j2html.TagCreator.strong;
import static j2html.TagCreator.text;

import java.util.ArrayList;
import java.util.List;

import j2html.tags.DomContent;

import gradlab.lab.ClassRoom;
import gradlab.lab.Comparison;
import gradlab.lab.Lesson;
import gradlab.lab.Limits;
import gradlab.lab.Question;

/**
 * /class/{code}: a student's page of a class. The current lesson's text up to its questions
 * and a slider for each; a commit records the guess with the class. When the instructor
 * reveals, the student's stream brings their guesses beside the true values and the rest of
 * the lesson (its text after the questions and its lab); "Next" brings the next lesson; at the
 * end, a closing word. Until the reveal the page holds neither the true values nor anything
 * that gives them away.
 */
public final class StudentPage {
    /** The events of a student's stream: the names in sse-swap are the names the server sends. */
    public enum Event {
        /** Sent first on every (re)connection: the lesson and reveal state as they are now. */
        STATE("state"), REVEAL("reveal"), NEXT("next"), ENDED("ended");

        private final String id;

        Event(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    static final String LESSON_ID = "class-lesson";
    /** A status line that says, to a screen reader too, what the instructor just did. */
    static final String NEWS_ID = "class-news";

    private StudentPage() {
    }

    /** The page as the class is now; {@code rest} is {@link #rest} of the current lesson. */
    public static String page(String code, ClassRoom.StudentState s, String rest) {
        String events = String.join(",", java.util.Arrays.stream(Event.values()).map(Event::id).toList());
        return Layout.page("Class " + code, "A live class: predict, then see.", true,
                div(
                        p().withId(NEWS_ID).withClass("visually-hidden").attr("role", "status"),
                        div(content(code, s, rest)).withId(LESSON_ID).attr("data-sse-swap", events)
                ).attr("data-hx-ext", "sse").attr("data-sse-connect", Paths.ofClass(Paths.CLASS_EVENTS, code))
                        .attr("data-sse-close", Event.ENDED.id()).withClass("class-student"));
    }

    /**
     * What the class shows this student now: the lesson before its reveal, after it, or the
     * closing word; {@code rest} is {@link #rest} of the current lesson (unused before the reveal).
     */
    public static DomContent content(String code, ClassRoom.StudentState s, String rest) {
        if (s.ended()) {
            return ended("The class is over", "Thank you for predicting. Every lesson stays open for you on "
                    + "this server's lesson pages.");
        }
        Lesson l = s.lesson();
        boolean open = !s.revealed() && !l.questions().isEmpty();
        String[] parts = LessonPage.splitAt(l.html(), LOOK_FOR);
        return each(
                p(text("Class " + code + " · "), strong("lesson " + (s.position() + 1) + " of " + s.lessons()))
                        .withClass("class-position"),
                article(
                        h1(l.title()),
                        p(l.summary()).withClass("lede"),
                        // rendered once, when the lesson was read (LessonText escapes any HTML in the file)
                        div(rawHtml(parts[0])).withClass("lesson-text")
                ).withClass("lesson"),
                open ? predictions(code, s) : outcome(s),
                open ? null : rawHtml(rest));
    }

    /**
     * The form of one question after a commit, to take the form's place: "recorded", or the
     * message of a refused value. A question the lesson does not ask gets the message alone.
     */
    public static String committed(String code, ClassRoom.StudentState s, String question, String error) {
        List<Question> questions = s.lesson().questions();
        for (int i = 0; i < questions.size(); i++) {
            Question q = questions.get(i);
            if (q.name().equals(question)) {
                return Html.render(ClassPrediction.ask(code, s.position(), i, q, s.guesses().get(q.name()),
                        error == null, error));
            }
        }
        return Html.render(p(error == null ? "Recorded." : error).withClass(error == null ? "status" : "status error"));
    }

    /** The closing word (also when the class has expired). */
    public static DomContent ended(String title, String words) {
        return each(
                h1(title),
                p(words).withClass("lede"),
                p(a("All the lessons").withHref(Paths.HOME)));
    }

    /** The news a stream's event brings to the status line (out of band): what just happened. */
    public static DomContent news(String words) {
        return p(words).withId(NEWS_ID).withClass("visually-hidden").attr("role", "status")
                .attr("data-hx-swap-oob", "true");
    }

    /**
     * The rest of a lesson, shown once its values are revealed: its text from "What to look
     * for" on, beside its lab. The same for every student, so it is written once per lesson.
     */
    public static String rest(Lesson lesson, Limits limits) {
        String[] parts = LessonPage.splitAt(lesson.html(), LOOK_FOR);
        Comparison c = lesson.comparison();
        LabLinks links = LabLinks.of(c.spec());
        return Html.render(section(
                h2("The lab"),
                p(text("This lesson's preset. Change it here, or "),
                        a("open it in the full lab").withHref(Paths.withQuery(Paths.LAB, lesson.preset()))
                                .withClass("open-in-lab"),
                        text(" to change everything.")).withClass("lede"),
                div(parts[1].isEmpty() ? null : div(div(rawHtml(parts[1])).withClass("lesson-text")).withClass("look-for"),
                        LabPage.columns(
                                LabForm.render(FormValues.of(c.spec()), limits, null, null, lesson.hidden(), false,
                                        NoiseMeter.of(c)),
                                ComparisonView.panel(c, links), TrainingView.idle(), ComparisonView.parameters(c, links))
                ).withClass("lab-and-notes")
        ).withClass("lesson-lab"));
    }

    /** The heading from which a lesson's text speaks of its lab's numbers. */
    private static final java.util.regex.Pattern LOOK_FOR = java.util.regex.Pattern.compile("<h2[^>]*>What to look for</h2>");

    private static DomContent predictions(String code, ClassRoom.StudentState s) {
        List<DomContent> forms = new ArrayList<>();
        int i = 0;
        for (Question q : s.lesson().questions()) {
            forms.add(ClassPrediction.ask(code, s.position(), i++, q, s.guesses().get(q.name()), false, null));
        }
        return section(
                h2("Predict first"),
                p("Commit your guess; you may change it until your instructor reveals the true values. They "
                        + "appear here then, with the rest of the lesson.").withClass("lede"),
                each(forms, f -> f)
        ).withClass("class-predict");
    }

    /** Each question with the student's guess beside the true value. */
    private static DomContent outcome(ClassRoom.StudentState s) {
        if (s.lesson().questions().isEmpty()) {
            return null;
        }
        List<DomContent> lines = new ArrayList<>();
        for (Question q : s.lesson().questions()) {
            lines.add(ClassPrediction.outcome(q, s.guesses().get(q.name())));
        }
        return section(h2("Your predictions and the true values"), each(lines, x -> x)).withClass("class-outcome");
    }
}
