package gradlab.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import gradlab.engine.Procedure;
import gradlab.engine.Trainer;
import gradlab.lab.Comparison;
import gradlab.lab.LabData;
import gradlab.lab.Landscape;
import gradlab.lab.Lesson;
import gradlab.lab.Lessons;
import gradlab.lab.Limits;
import gradlab.lab.TrainingHistory;
import gradlab.lab.TrainingRun;
import gradlab.lab.Uploads;

/**
 * The lessons speak of the page in its own words: a link to another lesson carries that
 * lesson's title (after its fact's code, if it has one); a link to a part of the lab opens the
 * lesson's preset at that part, and its words are the heading the lab shows there (a section's,
 * a table's caption or a chart's title, up to a colon or a parenthesis).
 */
class LessonLinksTest {
    private static final Lessons LESSONS = Lessons.load(true, null, Limits.DEFAULT, LessonText::html);
    private static final Pattern LINK = Pattern.compile("<a [^>]*href=\"([^\"]*)\"[^>]*>(.*?)</a>", Pattern.DOTALL);
    private static final Pattern HEADING = Pattern.compile(
            "<h[23][^>]*>(.*?)</h[23]>|<caption[^>]*>(.*?)</caption>|<title id=\"[^\"]*-title\">(.*?)</title>",
            Pattern.DOTALL);

    record Link(String href, String text) {
    }

    static Stream<String> lessons() {
        return LESSONS.all().stream().map(Lesson::id);
    }

    private static List<Link> links(Lesson l) {
        return LINK.matcher(l.html() + l.htmlAfter()).results().map(m -> new Link(unescape(m.group(1)), words(m.group(2)))).toList();
    }

    /** Text as a reader sees it: tags dropped, entities read. */
    private static String words(String html) {
        return unescape(html.replaceAll("<[^>]*>", "")).strip();
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#x27;", "'")
                .replace("&#39;", "'").replace("&amp;", "&");
    }

    @Test
    void everyLinkToALessonReachesItAndCarriesItsTitle() {
        int count = 0;
        for (Lesson l : LESSONS.all()) {
            for (Link link : links(l)) {
                if (!link.href().startsWith("/lesson/")) {
                    continue;
                }
                count++;
                Optional<Lesson> target = LESSONS.find(link.href().substring("/lesson/".length()));
                assertTrue(target.isPresent(), l.id() + " links to " + link.href() + ", which is no lesson");
                Lesson t = target.get();
                Set<String> names = new LinkedHashSet<>(List.of(t.title()));
                t.fact().ifPresent(f -> names.add(f + " — " + t.title()));
                assertTrue(names.contains(link.text()), l.id() + ": \"" + link.text() + "\" should be one of " + names);
            }
            // a lesson named by its fact alone, unlinked ("lesson F3", "(F4)"), is a link that was not made
            Matcher bare = Pattern.compile("\\blessons? F[1-9]|\\(F[1-9][),]").matcher(l.body());
            assertFalse(bare.find(), () -> l.id() + " names a lesson without linking it: " + bare.group());
        }
        assertTrue(count >= 10, "the lessons link each other: " + count);
    }

    @Test
    void aLessonsFactIsTheOneItsTextQuotesAndTheGalleryShowsIt() {
        List<GalleryPage.Card> cards = new ArrayList<>();
        for (Lesson l : LESSONS.all()) {
            // the built-ins are named after their fact: f3-linear-cost quotes F3
            Matcher id = Pattern.compile("f([1-9])-.*").matcher(l.id());
            assertEquals(id.matches() ? Optional.of("F" + id.group(1)) : Optional.empty(), l.fact(), l.id());
            cards.add(new GalleryPage.Card(l, l.comparison()));
        }
        String gallery = GalleryPage.page(cards);
        for (Lesson l : LESSONS.all()) {
            int card = gallery.indexOf("href=\"" + Paths.lesson(l.id()) + "\"");
            String number = gallery.substring(card, gallery.indexOf("class=\"title\"", card));
            assertEquals(l.fact().isPresent(), number.contains("class=\"fact\""), l.id() + ": " + number);
            l.fact().ifPresent(f -> assertTrue(number.contains(" · " + f + "<"), number));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lessons")
    void everyLinkToTheLabOpensThePresetAtAPartNamedAsTheLabNamesIt(String id) {
        Lesson l = LESSONS.find(id).orElseThrow();
        String lab = labAsTrained(l);
        String preset = Paths.withQuery(Paths.LAB, l.preset());
        List<Link> toLab = links(l).stream().filter(k -> k.href().startsWith(Paths.LAB)).toList();
        assertFalse(toLab.isEmpty(), id + " points to the parts of the lab it speaks of");
        for (Link link : toLab) {
            int hash = link.href().indexOf('#');
            assertTrue(hash > 0, id + ": a link to the lab names its part: " + link.href());
            assertEquals(preset, link.href().substring(0, hash), id + ": the lesson's preset");
            String part = link.href().substring(hash + 1);
            Set<String> names = headingsIn(lab, part);
            assertFalse(names.isEmpty(), id + ": the lab has a part #" + part + " with a heading");
            assertTrue(names.contains(lowerFirst(link.text())),
                    id + ": \"" + link.text() + "\" is not a heading of #" + part + ", which has " + names);
        }
    }

    /** The lab of a lesson's preset as a student sees it after the landscape has loaded and a run has ended. */
    private static String labAsTrained(Lesson l) {
        Comparison c = l.comparison();
        Trainer trainer = TrainingRun.trainer(c.spec(), Limits.DEFAULT, Uploads.NONE);
        TrainingHistory history = new TrainingHistory();
        trainer.run(history::add, () -> false);
        List<Procedure> copies = history.copies();
        return LabPage.page(c, Limits.DEFAULT)
                + LandscapeView.panel(c, Landscape.compute(c)).render()
                + "<section id=\"" + TrainingView.ID + "\">" + TrainingView.running(c.spec(), copies).render()
                + TrainingCharts.render(history, LabData.load(c.spec(), Uploads.NONE), trainer.setup().model(),
                trainer::theta).render() + "</section>";
    }

    /** The names of the headings inside every element with this id: up to a colon or an opening parenthesis. */
    private static Set<String> headingsIn(String html, String id) {
        Set<String> names = new LinkedHashSet<>();
        for (int at = html.indexOf(" id=\"" + id + "\""); at >= 0; at = html.indexOf(" id=\"" + id + "\"", at + 1)) {
            int open = html.lastIndexOf('<', at);
            String tag = html.substring(open + 1).split("[\\s>]", 2)[0];
            String element = html.substring(open, end(html, open, tag));
            Matcher m = HEADING.matcher(element);
            while (m.find()) {
                String text = words(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
                names.add(lowerFirst(text.split(":| \\(", 2)[0].strip()));
            }
        }
        return names;
    }

    /** Where the element of this tag opened at {@code open} closes (the pages nest such tags properly). */
    private static int end(String html, int open, String tag) {
        Matcher m = Pattern.compile("<(/?)" + tag + "[\\s>]").matcher(html);
        int depth = 0;
        m.region(open, html.length());
        while (m.find()) {
            depth += m.group(1).isEmpty() ? 1 : -1;
            if (depth == 0) {
                return html.indexOf('>', m.start()) + 1;
            }
        }
        return html.length();
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }
}
