package gradlab.view;

import static j2html.TagCreator.a;
import static j2html.TagCreator.article;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.iff;
import static j2html.TagCreator.nav;
import static j2html.TagCreator.p;
import static j2html.TagCreator.rawHtml;
import static j2html.TagCreator.section;
import static j2html.TagCreator.text;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import j2html.tags.DomContent;

import gradlab.lab.Comparison;
import gradlab.lab.Lesson;
import gradlab.lab.Limits;
import gradlab.lab.Question;

/**
 * /lesson/{id}: the lesson's text, then its live lab with the preset (the controls the
 * lesson hides are fixed), and a way to open it in the full lab.
 *
 * <p>A lesson that asks questions (DESIGN, "Predict, then see") comes in two parts, each of which
 * renders on its own: {@link #before} (the title and the text up to the questions) and
 * {@link #after} (the rest of the text and the lab). Its page first holds only the part before and
 * the questions ({@link PredictionForm}); the part after, which holds every number of the
 * comparison, arrives once the student commits a guess or skips, with the outcome in the
 * questions' place. A lesson that asks nothing is both parts at once, as before.
 */
public final class LessonPage {
    private LessonPage() {
    }

    /**
     * The page as a student opens it: for a lesson that asks questions, the text before them and
     * the questions, which are sent to {@code /lesson/{id}/after}; for one that asks none, the
     * whole lesson and its lab.
     */
    public static String page(Lesson lesson, Limits limits, Lesson previous, Lesson next) {
        if (!lesson.asks()) {
            return frame(lesson, previous, next, before(lesson), after(lesson, limits));
        }
        return frame(lesson, previous, next, before(lesson), asking(lesson, null), PredictionForm.status());
    }

    /**
     * The same page with the questions' form refused: {@code message} stands next to the sliders
     * (422). A lesson that asks nothing shows it above its lab.
     */
    public static String refused(Lesson lesson, Limits limits, Lesson previous, Lesson next, String message) {
        if (!lesson.asks()) {
            return frame(lesson, previous, next, before(lesson), p(message).withClass("field-error").attr("role", "alert"),
                    after(lesson, limits));
        }
        return frame(lesson, previous, next, before(lesson), asking(lesson, message), PredictionForm.status());
    }

    /**
     * The whole lesson once the questions are answered, for a browser without htmx: the text
     * before, each guess beside the true value (no guess for a skip), the rest of the text and the lab.
     *
     * @param guesses the guesses, in the lesson's order of its questions; empty for a skip
     */
    public static String answered(Lesson lesson, Map<Question, Double> guesses, Limits limits, Lesson previous,
                                  Lesson next) {
        return frame(lesson, previous, next, before(lesson),
                iff(lesson.asks(), PredictionForm.outcome(lesson, guesses)), PredictionForm.status(),
                after(lesson, limits));
    }

    /**
     * htmx's answer to the questions: what replaces them (the outcome, the rest of the text and the
     * lab), and the words the live region announces.
     */
    public static String answeredFragment(Lesson lesson, Map<Question, Double> guesses, Limits limits) {
        return Html.render(each(PredictionForm.outcome(lesson, guesses), after(lesson, limits),
                PredictionForm.announcement(lesson, guesses)));
    }

    /** htmx's answer to a refused form: the questions again, with the message (422). */
    public static String refusedFragment(Lesson lesson, String message) {
        return Html.render(lesson.asks() ? asking(lesson, message) : p(message).withClass("status error"));
    }

    /**
     * The part of the lesson before its questions: the title, the summary and the text up to the
     * questions (for a lesson that asks none, the text up to "What to look for", which goes beside
     * the lab). Never a number of the comparison that a question asks about.
     */
    public static DomContent before(Lesson lesson) {
        String text = lesson.asks() ? lesson.html() : splitAt(lesson.html(), LOOK_FOR)[0];
        return article(
                h1(lesson.title()),
                p(lesson.summary()).withClass("lede"),
                // rendered once, when the lesson was read (LessonText escapes any HTML in the file)
                div(rawHtml(text)).withClass("lesson-text")
        ).withClass("lesson");
    }

    /**
     * The rest of the lesson: the text after its questions, then the lab with its preset, the
     * lesson's "What to look for" beside it.
     */
    public static DomContent after(Lesson lesson, Limits limits) {
        Comparison c = lesson.comparison();
        String labLink = Paths.withQuery(Paths.LAB, lesson.preset());
        LabLinks links = LabLinks.of(c.spec());
        // "What to look for" is about the lab: it goes beside it (or just above it on a narrower screen)
        String[] parts = lesson.asks() ? splitAt(lesson.htmlAfter(), LOOK_FOR)
                : new String[] {"", splitAt(lesson.html(), LOOK_FOR)[1]};
        return each(
                iff(!parts[0].isBlank(), div(div(rawHtml(parts[0])).withClass("lesson-text")).withClass("lesson rest")),
                section(
                        h2("The lab"),
                        p(text("This lesson's preset. Change it here, or "),
                                a("open it in the full lab").withHref(labLink).withClass("open-in-lab"),
                                text(" to change everything.")).withClass("lede"),
                        div(parts[1].isEmpty() ? null
                                        : div(div(rawHtml(parts[1])).withClass("lesson-text")).withClass("look-for"),
                                LabPage.columns(
                                        LabForm.render(FormValues.of(c.spec()), limits, null, null, lesson.hidden(), false,
                                                NoiseMeter.of(c)),
                                        ComparisonView.panel(c, links), TrainingView.idle(),
                                        ComparisonView.parameters(c, links))
                        ).withClass("lab-and-notes")
                ).withClass("lesson-lab"));
    }

    /** The questions' form, sent to the lesson's own address for its answer. */
    private static DomContent asking(Lesson lesson, String message) {
        return PredictionForm.form(lesson, Paths.lessonAfter(lesson.id()), PredictionForm.Method.GET, message);
    }

    private static String frame(Lesson lesson, Lesson previous, Lesson next, DomContent... content) {
        return Layout.page(lesson.title(), lesson.summary(), true,
                nav(a("Lessons").withHref(Paths.HOME), text(" / " + lesson.title())).withClass("crumbs").attr("aria-label", "Breadcrumb"),
                each(content),
                nav(previous == null ? null : a("← " + previous.title()).withHref(Paths.lesson(previous.id())),
                        next == null ? null : a(next.title() + " →").withHref(Paths.lesson(next.id())))
                        .withClass("pager").attr("aria-label", "Previous and next lesson"));
    }

    /** The heading of a lesson's last section, which speaks of what the lab shows. */
    private static final Pattern LOOK_FOR = Pattern.compile("<h2[^>]*>What to look for</h2>");

    /** The HTML before the heading and from it on; all of it and "" without the heading. */
    static String[] splitAt(String html, Pattern heading) {
        Matcher m = heading.matcher(html);
        return m.find() ? new String[] {html.substring(0, m.start()), html.substring(m.start())} : new String[] {html, ""};
    }

    /** The lessons in order, for the pager. */
    public static Lesson neighbour(List<Lesson> all, Lesson lesson, int step) {
        int i = all.indexOf(lesson) + step;
        return i >= 0 && i < all.size() ? all.get(i) : null;
    }
}
