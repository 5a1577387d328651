package gradlab.view;

import static j2html.TagCreator.a;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.p;
import static j2html.TagCreator.rawHtml;
import static j2html.TagCreator.strong;
import static j2html.TagCreator.text;

import java.util.Map;

import j2html.tags.DomContent;

import gradlab.lab.ClassRoom;
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
    /** The query parameter of a commit's address: the lesson (1-based) the page shows. */
    public static final String LESSON = "lesson";
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
        return each(
                p(text("Class " + code + " · "), strong("lesson " + (s.position() + 1) + " of " + s.lessons()))
                        .withClass("class-position"),
                LessonPage.before(l),
                !l.asks() ? rawHtml(rest)
                        : !s.revealed() ? asking(code, s, s.guesses().isEmpty() ? "" : said("Your guess", s.guesses()), null)
                        : each(PredictionForm.outcome(l, s.guesses()), rawHtml(rest)));
    }

    /**
     * htmx's answer to a commit: the questions again, the sliders at the guesses recorded and a
     * note of what was recorded (none: a commit of nothing), and the news for a screen reader.
     */
    public static String committed(String code, ClassRoom.StudentState s, Map<Question, Double> recorded) {
        String note = recorded.isEmpty() ? "No guess recorded." : said("Recorded", recorded);
        return Html.render(each(asking(code, s, note, null), news(note)));
    }

    /** "Recorded: 46°, 0.75. You may change them until your instructor reveals the answer." */
    private static String said(String what, Map<Question, Double> guesses) {
        StringBuilder b = new StringBuilder(what).append(": ");
        int n = 0;
        for (Map.Entry<Question, Double> g : guesses.entrySet()) {
            b.append(n++ == 0 ? "" : ", ").append(QuantityFormat.text(g.getKey().quantity(), g.getValue()));
        }
        return b.append(". You may change ").append(n == 1 ? "it" : "them")
                .append(" until your instructor reveals the answer.").toString();
    }

    /** htmx's answer to a refused commit (422): the questions again, with why. */
    public static String refused(String code, ClassRoom.StudentState s, String message) {
        return Html.render(asking(code, s, "", message));
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
     * The rest of a lesson, shown once its values are revealed (at once, for a lesson that asks
     * nothing): its text after the questions and its lab. The same for every student, so it is
     * written once per lesson.
     */
    public static String rest(Lesson lesson, Limits limits) {
        return Html.render(LessonPage.after(lesson, limits));
    }

    /**
     * The lesson's questions, as a lesson page asks them, sent to the class: the lesson's place
     * goes with them (in the address's query), so that a commit of a lesson the class has left is
     * refused rather than taken for the next one's.
     */
    private static DomContent asking(String code, ClassRoom.StudentState s, String note, String message) {
        String action = Paths.ofClass(Paths.CLASS_PREDICT, code) + "?" + LESSON + "=" + (s.position() + 1);
        return PredictionForm.inClass(s.lesson(), action, s.guesses(), note, message);
    }
}
