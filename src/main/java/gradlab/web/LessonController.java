package gradlab.web;

import java.util.List;
import java.util.Map;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

import gradlab.lab.Guesses;
import gradlab.lab.Lesson;
import gradlab.lab.Lessons;
import gradlab.lab.Question;
import gradlab.lab.ValidationException;
import gradlab.view.GalleryPage;
import gradlab.view.LessonPage;

/** The gallery and the lessons (each lesson's comparison at its preset was computed when it was read). */
final class LessonController {
    private final Lessons lessons;
    private final Lab lab;

    LessonController(Lessons lessons, Lab lab) {
        this.lessons = lessons;
        this.lab = lab;
    }

    /** GET /. */
    void gallery(Context ctx) {
        List<GalleryPage.Card> cards = lessons.all().stream().map(l -> new GalleryPage.Card(l, l.comparison())).toList();
        ctx.html(GalleryPage.page(cards));
    }

    /** GET /lesson/{id}: the lesson up to its questions (or all of it, if it asks none). */
    void lesson(Context ctx) {
        Lesson lesson = find(ctx);
        List<Lesson> all = lessons.all();
        ctx.html(LessonPage.page(lesson, lab.limits(), LessonPage.neighbour(all, lesson, -1),
                LessonPage.neighbour(all, lesson, 1)));
    }

    /**
     * GET /lesson/{id}/after?question=…&value=…: the guesses beside the true values, then the rest
     * of the lesson and its lab; no field at all is a skip. htmx gets what replaces the questions,
     * a browser without it (or going back in its history) the whole page. A guess the questions
     * do not allow is 422 with its message next to them.
     */
    void after(Context ctx) {
        Lesson lesson = find(ctx);
        List<Lesson> all = lessons.all();
        Lesson previous = LessonPage.neighbour(all, lesson, -1);
        Lesson next = LessonPage.neighbour(all, lesson, 1);
        boolean fragment = ctx.header("HX-Request") != null && ctx.header("HX-History-Restore-Request") == null;
        Map<Question, Double> guesses;
        try {
            guesses = Guesses.read(lesson, ctx.queryString());
        } catch (ValidationException e) {
            ctx.status(422);
            if (fragment) {
                ctx.header("HX-Push-Url", "false");
                ctx.html(LessonPage.refusedFragment(lesson, e.getMessage()));
            } else {
                ctx.html(LessonPage.refused(lesson, lab.limits(), previous, next, e.getMessage()));
            }
            return;
        }
        ctx.html(fragment ? LessonPage.answeredFragment(lesson, guesses, lab.limits())
                : LessonPage.answered(lesson, guesses, lab.limits(), previous, next));
    }

    /** The lesson of the address: only ever a key in the lessons' map, never a path. */
    private Lesson find(Context ctx) {
        return lessons.find(ctx.pathParam("id")).orElseThrow(() -> new NotFoundResponse("no such lesson"));
    }
}
