package gradlab.web;

import java.util.List;
import java.util.Map;

import gradlab.config.Settings;
import gradlab.lab.Comparison;
import gradlab.lab.LabCsv;
import gradlab.lab.LabJson;
import gradlab.lab.LabSpec;
import gradlab.lab.Landscape;
import gradlab.lab.Lesson;
import gradlab.lab.Lessons;
import gradlab.lab.RunLines;
import gradlab.lab.RunThrottle;
import gradlab.lab.TrainingRun;
import gradlab.lab.Uploads;
import gradlab.view.GalleryPage;
import gradlab.view.Html;
import gradlab.view.LabPage;
import gradlab.view.LandscapeView;
import gradlab.view.LessonPage;

/**
 * A fresh JVM interprets before it compiles: the first requests of a class would pay for it.
 * Before the server listens, this does what a class's first minutes do — lab pages,
 * comparisons, landscapes, training runs drawn as the page draws them, lessons — on a few
 * labs of every kind, until the time given is up. Nothing it computes is kept.
 */
final class Warmup {
    /** Small labs of every kind: regression and classes, the activations, micro-batches. */
    private static final List<String> LABS = List.of("", "data=sine&hidden=16", "data=xor&hidden=8&loss=bce",
            "data=blobs3&hidden=8,8&act=relu&loss=ce", "data=spiral&hidden=16,16&act=sigmoid&loss=bce",
            "data=line&n=64&batch=16&micro=4,12", "data=quadratic&hidden=8&act=leaky_relu&loss=huber");

    private Warmup() {
    }

    /**
     * Works through the labs again and again until {@code seconds} have passed (at least once
     * through); returns how many times it went through.
     */
    static int run(Settings settings, Lessons lessons, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        int rounds = 0;
        do {
            for (String query : LABS) {
                lab(LabSpec.parse(query, settings.limits(), Uploads.NONE), settings);
            }
            lessons(lessons, settings);
            rounds++;
        } while (System.nanoTime() < end);
        return rounds;
    }

    private static void lab(LabSpec spec, Settings settings) {
        Comparison c = Comparison.compute(spec, settings.limits(), Uploads.NONE);
        LabPage.page(c, settings.limits());
        LabPage.fragment(c);
        Html.render(LandscapeView.panel(c, Landscape.compute(c)));
        LabJson.compare(c);
        LabCsv.comparison(c);
        // a run as the page draws it (every chart of it, as at its end) and as the API writes it
        TrainFragments page = new TrainFragments(spec.steps(), new RunThrottle(System::nanoTime));
        RunLines lines = RunLines.of(spec);
        TrainingRun.train(spec, settings.limits(), Uploads.NONE, e -> {
            e.handle(page);
            lines.line(e);
        });
    }

    private static void lessons(Lessons lessons, Settings settings) {
        List<Lesson> all = lessons.all();
        GalleryPage.page(all.stream().map(l -> new GalleryPage.Card(l, l.comparison())).toList());
        for (Lesson l : all) {
            Lesson previous = LessonPage.neighbour(all, l, -1);
            Lesson next = LessonPage.neighbour(all, l, 1);
            LessonPage.page(l, settings.limits(), previous, next);
            LessonPage.answered(l, Map.of(), settings.limits(), previous, next);
        }
    }
}
