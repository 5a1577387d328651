package gradlab.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The lessons: the built-in ones from the jar's templates/, and an instructor's folder. A file
 * that cannot be read as a lesson is reported (file, line, why) and skipped; it never stops
 * the server. Lessons are read once, at start-up, their text rendered then: an id is only ever
 * a key in this map, never a path, and a request never parses Markdown.
 */
public final class Lessons {
    /** The built-in lessons, in the gallery's order. */
    public static final List<String> BUILT_IN = List.of("intro.md", "f1-covariance.md", "f2-linear-regression.md",
            "f3-linear-cost.md", "f4-batch-of-one.md", "f5-nonlinear.md", "f6-level-sets.md", "f7-accumulation.md",
            "f8-where-training-stops.md", "noise-scale.md", "free-play.md");

    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    static final long MAX_FILE_BYTES = 256 * 1024;

    /** A file that could not be read as a lesson. */
    public record Problem(String file, int line, String message) {
        @Override
        public String toString() {
            return file + (line > 0 ? ":" + line : "") + ": " + message;
        }
    }

    private final Map<String, Lesson> byId;
    private final List<Problem> problems;

    private Lessons(Map<String, Lesson> byId, List<Problem> problems) {
        this.byId = byId;
        this.problems = problems;
    }

    /**
     * The built-in lessons (unless {@code builtIn} is false) and those of {@code folder} (if
     * not null): a folder's lesson with a built-in's id replaces it; within the folder, files
     * are read in name order and an id already taken is a problem. {@code renderer} turns each
     * lesson's text into its page's HTML.
     */
    public static Lessons load(boolean builtIn, Path folder, Limits limits, LessonRenderer renderer) {
        Map<String, Lesson> byId = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        if (builtIn) {
            for (String name : BUILT_IN) {
                try (InputStream in = Lessons.class.getResourceAsStream("/templates/" + name)) {
                    if (in == null) {
                        problems.add(new Problem(name, 0, "missing from the jar"));
                        continue;
                    }
                    parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8), limits, renderer, problems)
                            .ifPresent(l -> byId.put(l.id(), l));
                } catch (IOException e) {
                    problems.add(new Problem(name, 0, "cannot be read: " + e.getMessage()));
                }
            }
        }
        if (folder != null) {
            loadFolder(folder, limits, renderer, byId, problems);
        }
        return new Lessons(byId, List.copyOf(problems));
    }

    private static void loadFolder(Path folder, Limits limits, LessonRenderer renderer, Map<String, Lesson> byId,
                                   List<Problem> problems) {
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList();
        } catch (IOException e) {
            problems.add(new Problem(folder.toString(), 0, "the lessons folder cannot be read: " + e.getMessage()));
            return;
        }
        Set<String> taken = new LinkedHashSet<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            try {
                if (Files.size(file) > MAX_FILE_BYTES) {
                    // never read: its size alone is the problem, blamed on its first line
                    problems.add(new Problem(name, 1, "is larger than " + MAX_FILE_BYTES / 1024 + " KiB"));
                    continue;
                }
                Optional<Lesson> lesson = parse(name, Files.readString(file, StandardCharsets.UTF_8), limits, renderer,
                        problems);
                if (lesson.isEmpty()) {
                    continue;
                }
                Lesson l = lesson.get();
                if (!taken.add(l.id())) {
                    problems.add(new Problem(name, 2, "id " + l.id() + " is already taken by an earlier file in "
                            + "this folder"));
                    continue;
                }
                byId.put(l.id(), l);
            } catch (IOException | RuntimeException e) {
                problems.add(new Problem(name, 0, "cannot be read: " + e.getMessage()));
            }
        }
    }

    /** All lessons, built-ins first, in order. */
    public List<Lesson> all() {
        return List.copyOf(byId.values());
    }

    public Optional<Lesson> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The files that were skipped, and why. */
    public List<Problem> problems() {
        return problems;
    }

    // ---------------------------------------------------------------- one file

    /**
     * Reads one lesson file: its front matter, then the checks that make it a lesson. A problem
     * is added (with the line) and nothing returned when the file is not a lesson.
     */
    static Optional<Lesson> parse(String file, String text, Limits limits, LessonRenderer renderer,
                                  List<Problem> problems) {
        try {
            return Optional.of(lesson(file, text, limits, renderer));
        } catch (LessonFileException e) {
            problems.add(new Problem(file, e.line(), e.getMessage()));
            return Optional.empty();
        } catch (RuntimeException e) {
            // a lesson whose preset the lab cannot compute is that lesson's problem, never the server's
            problems.add(new Problem(file, 0, "its preset could not be computed: " + e));
            return Optional.empty();
        }
    }

    private static Lesson lesson(String file, String text, Limits limits, LessonRenderer renderer) {
        FrontMatter front = FrontMatter.read(text, Lessons::isKey, "the keys are id, title, summary, hide, predict and the "
                + "lab parameters " + String.join(", ", Lesson.labKeys()));
        for (String required : List.of("id", "title", "summary")) {
            if (front.value(required).isEmpty()) {
                throw new LessonFileException(lineOf(front, required, front.closeLine()), required + " is missing");
            }
        }
        String id = front.value("id");
        if (!ID.matcher(id).matches()) {
            throw new LessonFileException(lineOf(front, "id", 1), "id must be 1 to 40 lowercase letters, digits or "
                    + "hyphens, starting with a letter or digit; got \"" + LabSpec.shown(id) + "\"");
        }
        Set<String> hide = hidden(front);
        // the preset keeps the file's order, so that it reads as the author wrote it
        Map<Param, String> values = new LinkedHashMap<>();
        front.entries().forEach(e -> Param.parse(e.key()).filter(Param::inForm).ifPresent(p -> values.put(p, e.value())));
        String preset = Query.write(values);
        try {
            LabSpec spec = LabSpec.parse(preset, limits, Uploads.NONE);
            // computed once, here: the page shows it and the text's figures come from it
            Comparison comparison = Comparison.compute(spec, limits, Uploads.NONE);
            LessonFigures figures = LessonFigures.of(front.body(), front.closeLine() + 1, comparison, limits);
            List<Question> questions = questions(front, comparison);
            // the text after the questions is rendered apart: the page holds it only once they are answered
            LessonParts parts = LessonParts.of(front.body(), front.closeLine() + 1, !questions.isEmpty());
            parts.checkNothingGivenAway(questions, front.closeLine() + 1);
            String html = render(renderer, parts.before(), front.closeLine() + 1, figures, preset);
            String after = parts.after().isEmpty() ? "" : render(renderer, parts.after(), parts.afterLine(), figures,
                    preset);
            return new Lesson(id, front.value("title"), front.value("summary"), preset, spec, hide, front.body(),
                    file, figures, comparison, html, questions, after);
        } catch (ValidationException e) {
            throw new LessonFileException(lineOf(front, e.param(), 1), e.getMessage());
        }
    }

    /** The text as HTML; whatever stops the renderer is this file's problem (the bounds should already have). */
    private static String render(LessonRenderer renderer, String body, int firstLine, LessonFigures figures,
                                 String preset) {
        try {
            return renderer.html(body, firstLine, figures, preset);
        } catch (LessonFileException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new LessonFileException(firstLine, "its text could not be rendered: " + e);
        } catch (StackOverflowError e) {
            throw new LessonFileException(firstLine, "its text nests too deeply to be rendered");
        }
    }

    private static List<Question> questions(FrontMatter front, Comparison comparison) {
        String list = front.value("predict");
        if (list.isEmpty()) {
            return List.of();
        }
        try {
            return Question.read(list, comparison);
        } catch (IllegalArgumentException e) {
            throw new LessonFileException(lineOf(front, "predict", 1), e.getMessage());
        }
    }

    private static Set<String> hidden(FrontMatter front) {
        Set<String> hide = new LinkedHashSet<>();
        String text = front.value("hide");
        if (text.isEmpty()) {
            return hide;
        }
        for (String p : text.split(",")) {
            String name = p.strip();
            if (!Lesson.labKeys().contains(name)) {
                throw new LessonFileException(lineOf(front, "hide", 1), "hide lists \"" + LabSpec.shown(name)
                        + "\", which is not a lab control; the controls are " + String.join(", ", Lesson.labKeys()));
            }
            hide.add(name);
        }
        return hide;
    }

    private static int lineOf(FrontMatter front, String key, int otherwise) {
        return front.get(key).map(FrontMatter.Entry::line).orElse(otherwise);
    }

    private static boolean isKey(String key) {
        return List.of("id", "title", "summary", "hide", "predict").contains(key) || Lesson.labKeys().contains(key);
    }
}
