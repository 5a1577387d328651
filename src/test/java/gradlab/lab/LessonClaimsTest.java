package gradlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import gradlab.engine.Procedure;
import gradlab.engine.Activation;
import gradlab.engine.Batch;
import gradlab.engine.Batched;
import gradlab.engine.Loss;
import gradlab.engine.Metrics;
import gradlab.engine.Model;
import gradlab.engine.Parameters;
import gradlab.engine.PerExample;
import gradlab.engine.Trainer;

/**
 * Every built-in lesson, read from templates/ as a student's page would be, and every claim
 * its text makes about the numbers of its preset (and of its "Try this" change), checked on
 * those numbers — with the identities recomputed here from the batch and θ0 where they can be.
 */
class LessonClaimsTest {
    private static final List<String> LESSONS = List.of("intro", "f1-covariance", "f2-linear-regression",
            "f3-linear-cost", "f4-batch-of-one", "f5-nonlinear", "f6-level-sets", "f7-accumulation", "free-play");
    private static final Set<String> LAB_KEYS = Set.of(
            "data", "n", "noise", "seed", "hidden", "act", "loss", "batch", "micro", "naive", "lr", "steps");
    private static final Set<String> LESSON_KEYS = Set.of("id", "title", "summary", "hide");
    private static final Pattern KEY_VALUE = Pattern.compile("([a-z]+): ?(.*)");

    /** Equal up to rounding. */
    private static final double EXACT = 1e-12;
    /** Clearly wrong: far above rounding. */
    private static final double WRONG = 1e-2;

    private static final Procedure PER_EXAMPLE = Procedure.PER_EXAMPLE;
    private static final Procedure MEAN_INPUT = Procedure.MEAN_INPUT;
    private static final Procedure MEAN_ERROR = Procedure.MEAN_ERROR;
    private static final Procedure ACCUMULATE = Procedure.ACCUMULATE;
    private static final Procedure MEAN_OF_MEANS = Procedure.MEAN_OF_MEANS;

    // ------------------------------------------------------------------ reading a lesson

    /** A lesson file: its front matter in order, and its Markdown body. */
    private record LessonFile(String name, Map<String, String> front, List<String> body) {
        String query(String... overrides) {
            Map<String, String> params = new LinkedHashMap<>();
            front.forEach((k, v) -> {
                if (LAB_KEYS.contains(k)) {
                    params.put(k, v);
                }
            });
            for (String o : overrides) {
                int eq = o.indexOf('=');
                params.put(o.substring(0, eq), o.substring(eq + 1));
            }
            List<String> parts = new ArrayList<>();
            params.forEach((k, v) -> parts.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
            return String.join("&", parts);
        }
    }

    private static LessonFile read(String name) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("templates", name + ".md"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("templates/" + name + ".md cannot be read", e);
        }
        assertEquals("---", lines.get(0), name + ": the first line opens the front matter");
        int end = lines.subList(1, lines.size()).indexOf("---") + 1;
        assertTrue(end > 1, name + ": the front matter is closed by a second ---");
        Map<String, String> front = new LinkedHashMap<>();
        for (String line : lines.subList(1, end)) {
            Matcher m = KEY_VALUE.matcher(line);
            assertTrue(m.matches(), name + ": \"key: value\" expected, got \"" + line + "\"");
            String key = m.group(1);
            assertTrue(LESSON_KEYS.contains(key) || LAB_KEYS.contains(key), name + ": unknown key " + key);
            assertFalse(front.containsKey(key), name + ": " + key + " given twice");
            front.put(key, m.group(2).strip());
        }
        return new LessonFile(name, front, lines.subList(end + 1, lines.size()));
    }

    private static LabSpec spec(LessonFile lesson, String... overrides) {
        return LabSpec.parse(lesson.query(overrides), Limits.DEFAULT, Uploads.NONE);
    }

    private static Comparison compare(LessonFile lesson, String... overrides) {
        return Comparison.compute(spec(lesson, overrides), Limits.DEFAULT, Uploads.NONE);
    }

    // ------------------------------------------------------------------ numbers

    /** A training run of the spec, its records and its end. */
    private record Run(Trainer trainer, List<Trainer.Record> records, Trainer.Summary summary) {
        double finalCost(Procedure copy) {
            return summary.copies().get(copy).finalCost();
        }
    }

    private static Run train(LabSpec spec) {
        Trainer trainer = TrainingRun.trainer(spec, Limits.DEFAULT, Uploads.NONE);
        List<Trainer.Record> records = new ArrayList<>();
        Trainer.Summary summary = trainer.run(records::add, () -> false);
        return new Run(trainer, records, summary);
    }

    private static double rel(double[] g, double[] c) {
        return Metrics.relativeError(g, c);
    }

    private static double rel(DMatrixRMaj g, DMatrixRMaj c) {
        return rel(g.data, c.data);
    }

    private static Parameters grad(Comparison c, Procedure procedure) {
        Parameters g = c.gradients().get(procedure);
        assertTrue(g != null, procedure + " is in the comparison");
        return g;
    }

    private static Metrics metrics(Comparison c, Procedure procedure) {
        Metrics m = c.metrics().get(procedure);
        assertTrue(m != null, procedure + " is in the comparison");
        return m;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** Population covariance (1/N) of two columns, by two passes. */
    private static double cov(double[] u, double[] v) {
        double mu = mean(u);
        double mv = mean(v);
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            s += (u[i] - mu) * (v[i] - mv);
        }
        return s / u.length;
    }

    private static double[] column(DMatrixRMaj m, int c) {
        double[] out = new double[m.numRows];
        for (int i = 0; i < m.numRows; i++) {
            out[i] = m.get(i, c);
        }
        return out;
    }

    // ------------------------------------------------------------------ every file

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"intro", "f1-covariance", "f2-linear-regression", "f3-linear-cost", "f4-batch-of-one",
            "f5-nonlinear", "f6-level-sets", "f7-accumulation", "free-play"})
    void theFileIsAWellFormedLesson(String name) {
        LessonFile lesson = read(name);
        Map<String, String> front = lesson.front();
        assertEquals(name, front.get("id"), "the id is the file's name");
        assertTrue(front.get("id").matches("[a-z0-9-]+"));
        assertFalse(front.getOrDefault("title", "").isBlank(), "a title");
        String summary = front.getOrDefault("summary", "");
        assertTrue(summary.endsWith(".") && !summary.substring(0, summary.length() - 1).contains(". "),
                "the summary is one sentence: " + summary);
        for (String hidden : front.getOrDefault("hide", "").split(",")) {
            assertTrue(hidden.isEmpty() || LAB_KEYS.contains(hidden.strip()), "hide names a lab control: " + hidden);
        }
        spec(lesson); // the preset is a valid lab

        List<String> headings = lesson.body().stream().filter(l -> l.startsWith("#")).toList();
        assertTrue(headings.size() >= 3, "sections: " + headings);
        assertEquals(List.of("## Try this", "## What to look for"), headings.subList(headings.size() - 2, headings.size()),
                "the last two sections");
        assertEquals(1, headings.stream().filter(h -> h.equals("## Try this")).count());
        assertTrue(headings.stream().noneMatch(h -> h.startsWith("# ")), "the page gives the title; no second h1");

        String body = String.join("\n", lesson.body());
        assertTrue(body.toLowerCase(java.util.Locale.ROOT).contains("the lab below"), "the text points to the lab below it");
        assertTrue(body.contains("$"), "the text has maths");
        assertFalse(Pattern.compile("<[A-Za-z/!?]").matcher(body).find(), "no raw HTML (it would be escaped)");
        for (String line : lesson.body()) {
            if (line.strip().equals("$$")) {
                continue;
            }
            // inline maths stays on one line, and no space follows the opening or precedes the closing $
            String inline = line.replace("$$", "");
            assertEquals(0, inline.chars().filter(ch -> ch == '$').count() % 2, "unpaired $ in: " + line);
            Matcher m = Pattern.compile("\\$([^$]*)\\$").matcher(inline);
            while (m.find()) {
                String tex = m.group(1);
                assertTrue(!tex.isEmpty() && !Character.isWhitespace(tex.charAt(0))
                        && !Character.isWhitespace(tex.charAt(tex.length() - 1)), "inline maths $" + tex + "$");
            }
        }
        int display = (int) lesson.body().stream().filter(l -> l.strip().equals("$$")).count();
        assertEquals(0, display % 2, "display maths opens and closes on lines of their own");
    }

    @Test
    void thereAreExactlyTheNineBuiltInLessons() throws IOException {
        try (var files = Files.list(Path.of("templates"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md"))
                    .map(n -> n.substring(0, n.length() - 3)).sorted().toList();
            assertEquals(LESSONS.stream().sorted().toList(), names);
        }
    }

    // ------------------------------------------------------------------ intro

    @Test
    void introBothShortcutsAreWrongInBothLayersOfTheTanhNetwork() {
        LessonFile lesson = read("intro");
        Comparison c = compare(lesson);
        assertEquals(Activation.TANH, c.spec().act());
        assertEquals(List.of(8), c.spec().hidden());
        assertTrue(metrics(c, Procedure.FINITE_DIFFERENCE).relativeError() < 1e-8, "the correct gradient, checked");
        assertEquals(0.0, metrics(c, Procedure.BATCHED).relativeError(), EXACT);
        for (Procedure naive : List.of(MEAN_INPUT, MEAN_ERROR)) {
            Metrics m = metrics(c, naive);
            for (double e : m.perLayerRelativeError()) {
                assertTrue(e > 0.5, naive + " is wrong in every layer: " + e);
            }
            assertTrue(m.angleDegrees() > 35 && m.angleDegrees() < 50, naive + " is 42–46° off: " + m.angleDegrees());
        }
        assertTrue(metrics(c, MEAN_INPUT).normRatio() < 0.4 && metrics(c, MEAN_ERROR).normRatio() < 0.3,
                "the naive gradients are a third and a quarter as long");
        assertEquals(1.0, metrics(c, MEAN_INPUT).sameSign(), "the bars point the same way here");
        int last = c.model().layers();
        assertTrue(rel(grad(c, MEAN_ERROR).b(last), grad(c, PER_EXAMPLE).b(last)) <= EXACT, "mean-error's b2 is exact");
        assertTrue(rel(grad(c, MEAN_ERROR).b(1), grad(c, PER_EXAMPLE).b(1)) > WRONG, "and only b2");

        Run run = train(c.spec());
        assertTrue(run.finalCost(PER_EXAMPLE) < 0.16, "the correct copy reaches about 0.14");
        for (Procedure naive : List.of(MEAN_INPUT, MEAN_ERROR)) {
            assertTrue(run.finalCost(naive) > 0.35 && run.finalCost(naive) < 0.45, naive + " stops near 0.40");
            Trainer.CopyState end = run.records().get(run.records().size() - 1).copies().get(naive);
            assertTrue(end.relativeError() > 0.99, naive + "'s gradient has all but vanished");
        }
    }

    @Test
    void introTryThisIdentityActivationsStillLeaveTheShortcutsWrong() {
        Comparison c = compare(read("intro"), "act=identity");
        assertTrue(rel(grad(c, MEAN_INPUT).flat(), grad(c, MEAN_ERROR).flat()) <= EXACT, "the two shortcuts coincide");
        for (double e : metrics(c, MEAN_ERROR).perLayerRelativeError()) {
            assertTrue(e > 0.5, "still wrong in every layer: " + e);
        }
    }

    // ------------------------------------------------------------------ F1

    /** δ_i = ∂L_i/∂z_i of a one-layer network, written out per loss, independently of the engine. */
    private static double[][] outputErrors(Loss loss, Parameters theta, Batch batch) {
        DMatrixRMaj w = theta.w(1);
        int n = batch.size();
        int k = w.numRows;
        double[][] delta = new double[n][k];
        for (int i = 0; i < n; i++) {
            double[] z = new double[k];
            double sumExp = 0;
            for (int r = 0; r < k; r++) {
                z[r] = theta.b(1).get(r, 0);
                for (int c = 0; c < w.numCols; c++) {
                    z[r] += w.get(r, c) * batch.x().get(i, c);
                }
                sumExp += Math.exp(z[r]);
            }
            for (int r = 0; r < k; r++) {
                double y = batch.y().get(i, r);
                delta[i][r] = switch (loss) {
                    case MSE -> 2 * (z[r] - y);
                    case BCE -> 1 / (1 + Math.exp(-z[r])) - y;
                    case CE -> Math.exp(z[r]) / sumExp - y;
                    case LINEAR -> -1;
                    default -> throw new AssertionError("no reference δ for " + loss);
                };
            }
        }
        return delta;
    }

    @Test
    void f1TheWeightDifferenceIsTheCovarianceOfErrorAndInputAndTheBiasIsExact() {
        LessonFile lesson = read("f1-covariance");
        Comparison c = compare(lesson);
        assertTrue(c.spec().hidden().isEmpty(), "no hidden layer");
        assertEquals(Loss.BCE, c.spec().loss());
        Batch batch = c.batch();
        double[][] delta = outputErrors(c.spec().loss(), c.theta(), batch);
        int k = delta[0].length;
        int d = batch.inputs();
        double[] cov = new double[k * d];
        for (int r = 0; r < k; r++) {
            double[] dr = new double[batch.size()];
            for (int i = 0; i < dr.length; i++) {
                dr[i] = delta[i][r];
            }
            for (int col = 0; col < d; col++) {
                cov[r * d + col] = cov(dr, column(batch.x(), col));
            }
        }
        Parameters correct = grad(c, PER_EXAMPLE);
        Parameters naive = grad(c, MEAN_ERROR);
        double[] diff = new double[k * d];
        for (int j = 0; j < diff.length; j++) {
            diff[j] = correct.w(1).data[j] - naive.w(1).data[j];
        }
        assertTrue(Metrics.norm(cov) > 0.1, "the covariance is far from zero here: " + Metrics.norm(cov));
        assertTrue(rel(diff, cov) <= EXACT, "per-example − mean-error = Cov(δ, x): " + rel(diff, cov));
        assertTrue(rel(naive.b(1), correct.b(1)) <= EXACT, "the bias is exact");

        // the numbers the text quotes
        assertEquals(-1.339, c.theta().w(1).get(0, 0), 5e-4);
        assertEquals(-0.3426, correct.w(1).get(0, 0), 5e-5);
        assertEquals(-0.0589, naive.w(1).get(0, 0), 5e-5);
        assertEquals(-0.2838, cov[0], 5e-5);
        assertEquals(-0.2836, correct.b(1).get(0, 0), 5e-5);
        Metrics m = metrics(c, MEAN_ERROR);
        assertEquals(0.78, m.cosine(), 0.01);
        assertEquals(0.64, m.relativeError(), 0.01);

        Run run = train(c.spec());
        assertTrue(run.finalCost(PER_EXAMPLE) < 0.15, "the correct copy reaches about 0.13");
        assertTrue(run.finalCost(MEAN_ERROR) > 0.8, "mean-error stops near 0.84");
    }

    @Test
    void f1TryThisWithAHiddenLayerOnlyTheOutputBiasStaysExact() {
        Comparison c = compare(read("f1-covariance"), "hidden=4");
        Parameters correct = grad(c, PER_EXAMPLE);
        Parameters naive = grad(c, MEAN_ERROR);
        assertTrue(rel(naive.b(2), correct.b(2)) <= EXACT, "b2 = mean δ² is exact");
        double b1 = rel(naive.b(1), correct.b(1));
        assertTrue(b1 > 1e-3 && b1 < 1e-2, "b1 is close but not exact: " + b1);
        assertTrue(rel(naive.w(1), correct.w(1)) > 0.5 && rel(naive.w(2), correct.w(2)) > 0.5, "W1, W2 are off");
    }

    // ------------------------------------------------------------------ F2

    @Test
    void f2BothShortcutsAgreeTheInterceptIsExactAndTheSlopeMissesTwiceTheCovariance() {
        LessonFile lesson = read("f2-linear-regression");
        Comparison c = compare(lesson);
        assertEquals("line", c.spec().data().id());
        assertEquals(Loss.MSE, c.spec().loss());
        assertTrue(c.spec().hidden().isEmpty());
        Parameters correct = grad(c, PER_EXAMPLE);
        Parameters meanInput = grad(c, MEAN_INPUT);
        Parameters meanError = grad(c, MEAN_ERROR);
        assertTrue(rel(meanInput.flat(), meanError.flat()) <= EXACT, "mean-input = mean-error");
        assertTrue(rel(meanError.b(1), correct.b(1)) <= EXACT, "b is exact");

        double m = c.theta().w(1).get(0, 0);
        double b = c.theta().b(1).get(0, 0);
        double[] x = column(c.batch().x(), 0);
        double[] residual = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            residual[i] = m * x[i] + b - c.batch().y().get(i, 0);
        }
        double twiceCov = 2 * cov(residual, x);
        double dm = correct.w(1).get(0, 0) - meanError.w(1).get(0, 0);
        assertTrue(Math.abs(twiceCov) > 1, "the covariance is far from zero: " + twiceCov);
        assertEquals(twiceCov, dm, EXACT * Math.abs(twiceCov), "Δm = 2·Cov(ŷ − y, x)");

        // the numbers the text quotes
        assertEquals(-1.339, m, 5e-4);
        assertEquals(0.208, mean(x), 5e-4);
        assertEquals(-1.6195, correct.w(1).get(0, 0), 5e-5);
        assertEquals(-1.5226, correct.b(1).get(0, 0), 5e-5);
        assertEquals(-0.3161, meanError.w(1).get(0, 0), 5e-5);
        assertEquals(-1.3034, dm, 5e-5);
        assertEquals(35, metrics(c, MEAN_ERROR).angleDegrees(), 0.5);
        assertEquals(0.586, metrics(c, MEAN_ERROR).relativeError(), 0.005);

        // training: the naive copies move along (x̄, 1) only, and stop on the line through (x̄, ȳ)
        Run run = train(c.spec());
        assertTrue(run.finalCost(PER_EXAMPLE) < 0.11, "the correct copy reaches about 0.10");
        double yBar = mean(column(c.batch().y(), 0));
        for (Procedure naive : List.of(MEAN_INPUT, MEAN_ERROR)) {
            assertEquals(1.45, run.finalCost(naive), 0.005, naive + " stops at 1.45");
            Parameters end = run.trainer().theta(naive);
            double mEnd = end.w(1).get(0, 0);
            double bEnd = end.b(1).get(0, 0);
            assertEquals(mean(x) * (bEnd - b), mEnd - m, 1e-9, naive + " moved along (x̄, 1)");
            assertEquals(yBar, mEnd * mean(x) + bEnd, 1e-6, naive + " ends on a line through (x̄, ȳ)");
            assertEquals(-1.19, mEnd, 0.005, naive + " keeps a falling slope");
        }
    }

    @Test
    void f2TryThisWithoutNoiseTheSlopeIsStillOffByTwiceTheSlopeErrorTimesTheVariance() {
        Comparison c = compare(read("f2-linear-regression"), "noise=0");
        double m = c.theta().w(1).get(0, 0);
        double[] x = column(c.batch().x(), 0);
        double expected = 2 * (m - 0.8) * cov(x, x);
        double dm = grad(c, PER_EXAMPLE).w(1).get(0, 0) - grad(c, MEAN_ERROR).w(1).get(0, 0);
        assertEquals(expected, dm, 1e-10 * Math.abs(expected), "Cov(ŷ − y, x) = (m − 0.8)·Var(x) on noiseless data");
        assertEquals(-1.18, dm, 0.005);
        assertEquals(0.56, metrics(c, MEAN_ERROR).relativeError(), 0.005);
        Run run = train(c.spec());
        assertTrue(run.finalCost(PER_EXAMPLE) < 1e-4, "the correct copy fits the line");
        assertEquals(1.10, run.finalCost(MEAN_ERROR), 0.005, "the naive copy stops at 1.10");
    }

    // ------------------------------------------------------------------ F3

    @Test
    void f3WithTheLinearCostOnALinearNetworkBothShortcutsAreExactInEveryLayer() {
        LessonFile lesson = read("f3-linear-cost");
        Comparison c = compare(lesson);
        assertEquals(Loss.LINEAR, c.spec().loss());
        assertEquals(Activation.IDENTITY, c.spec().act());
        assertTrue(c.spec().hidden().size() >= 2, "a deep network");
        assertTrue(Metrics.norm(grad(c, PER_EXAMPLE).flat()) > 1, "the gradient is not trivially zero");
        for (Procedure naive : List.of(MEAN_INPUT, MEAN_ERROR)) {
            Metrics m = metrics(c, naive);
            assertTrue(m.relativeError() <= EXACT, naive + ": " + m.relativeError());
            for (double e : m.perLayerRelativeError()) {
                assertTrue(e <= EXACT, naive + " per layer: " + e);
            }
        }
        DMatrixRMaj bL = grad(c, PER_EXAMPLE).b(c.model().layers());
        for (double v : bL.data) {
            assertEquals(-1.0, v, 0.0, "∂J/∂b^L = −1 at every θ");
        }
    }

    @Test
    void f3TheLinearCostFallsWithoutBoundAndEveryCopyDivergesAtTheSameStep() {
        LabSpec spec = spec(read("f3-linear-cost"));
        Run run = train(spec);
        List<Double> costs = new ArrayList<>();
        for (Trainer.Record r : run.records()) {
            Trainer.CopyState s = r.copies().get(PER_EXAMPLE);
            if (!s.diverged()) {
                costs.add(s.cost());
                for (Procedure naive : List.of(MEAN_INPUT, MEAN_ERROR)) {
                    assertEquals(s.cost(), r.copies().get(naive).cost(), 1e-9 * Math.max(1, Math.abs(s.cost())),
                            "one curve for all copies at step " + r.step());
                    assertEquals(1.0, r.copies().get(naive).cosine(), 1e-12);
                }
            }
        }
        for (int j = 1; j < costs.size(); j++) {
            assertTrue(costs.get(j) < costs.get(j - 1), "J falls at every step: " + costs);
        }
        // slowly at first, then faster and faster: no minimum to slow down at
        int last = costs.size() - 1;
        for (int j = 10; j <= last; j += 10) {
            double dropNow = costs.get(j - 1) - costs.get(j);
            double dropBefore = costs.get(j - 10) - costs.get(j - 9);
            assertTrue(dropNow > dropBefore, "the steps down grow, step " + j + ": " + costs);
        }
        assertTrue(costs.get(last - 1) - costs.get(last) > 1e6 * (costs.get(0) - costs.get(1)), "and grow without bound");
        int step = run.summary().copies().get(PER_EXAMPLE).divergedAtStep();
        assertEquals(101, step, "the run goes beyond −10¹² at step 101");
        for (Procedure naive : List.of(MEAN_INPUT, MEAN_ERROR)) {
            assertEquals(step, run.summary().copies().get(naive).divergedAtStep(), naive + " diverges with it");
        }
        assertTrue(run.finalCost(PER_EXAMPLE) < -1e9, "about −2·10⁹ by step 100");
        assertEquals(0.357, costs.get(0), 0.001);
    }

    @Test
    void f3TryThisWithMseEveryBiasStaysExactAndEveryWeightGoesWrong() {
        Comparison c = compare(read("f3-linear-cost"), "loss=mse");
        Parameters correct = grad(c, PER_EXAMPLE);
        for (Procedure naive : List.of(MEAN_INPUT, MEAN_ERROR)) {
            Parameters g = grad(c, naive);
            for (int l = 1; l <= c.model().layers(); l++) {
                assertTrue(rel(g.b(l), correct.b(l)) <= EXACT, naive + " b" + l + " is exact");
                assertTrue(rel(g.w(l), correct.w(l)) > 0.5, naive + " W" + l + " is wrong");
            }
        }
    }

    @Test
    void f3WithTanhMeanErrorIsExactOnlyAtTheTopAndMeanInputOnlyInTheOutputBias() {
        Comparison c = compare(read("f3-linear-cost"), "act=tanh");
        int last = c.model().layers();
        Parameters correct = grad(c, PER_EXAMPLE);
        Parameters meanError = grad(c, MEAN_ERROR);
        Parameters meanInput = grad(c, MEAN_INPUT);
        assertTrue(rel(meanError.w(last), correct.w(last)) <= EXACT, "W^L");
        assertTrue(rel(meanError.b(last), correct.b(last)) <= EXACT, "b^L");
        assertTrue(rel(meanError.b(last - 1), correct.b(last - 1)) <= EXACT, "the last hidden bias");
        for (int l = 1; l < last; l++) {
            assertTrue(rel(meanError.w(l), correct.w(l)) > WRONG, "mean-error W" + l + " is wrong");
            assertTrue(rel(meanInput.w(l), correct.w(l)) > WRONG, "mean-input W" + l + " is wrong");
            assertTrue(rel(meanInput.b(l), correct.b(l)) > WRONG, "mean-input b" + l + " is wrong");
        }
        for (int l = 1; l < last - 1; l++) {
            assertTrue(rel(meanError.b(l), correct.b(l)) > WRONG, "mean-error b" + l + " is wrong");
        }
        assertTrue(rel(meanInput.w(last), correct.w(last)) > WRONG, "mean-input W^L is wrong");
        assertTrue(rel(meanInput.b(last), correct.b(last)) <= EXACT, "mean-input is exact in b^L only");
    }

    @Test
    void f3MeanOfMeansIsExactInTheBiasesButNotInTheWeights() {
        Comparison c = compare(read("f3-linear-cost"), "micro=4,12,16");
        Parameters correct = grad(c, PER_EXAMPLE);
        Parameters mom = grad(c, MEAN_OF_MEANS);
        for (int l = 1; l <= c.model().layers(); l++) {
            assertTrue(rel(mom.b(l), correct.b(l)) <= EXACT, "b" + l + " is exact");
            assertTrue(rel(mom.w(l), correct.w(l)) > WRONG, "W" + l + " is not");
        }
    }

    // ------------------------------------------------------------------ F4

    @Test
    void f4WithABatchOfOneEveryShortcutIsExact() {
        LessonFile lesson = read("f4-batch-of-one");
        Comparison c = compare(lesson);
        assertEquals(1, c.spec().batch());
        assertEquals(1, c.batch().size(), "the comparison is made on one example");
        assertTrue(Metrics.norm(grad(c, PER_EXAMPLE).flat()) > 0.1);
        for (Procedure naive : List.of(MEAN_INPUT, MEAN_ERROR)) {
            assertTrue(metrics(c, naive).relativeError() <= EXACT, naive + ": " + metrics(c, naive).relativeError());
        }
        // every naive procedure, mean-of-means included; and with n = 1 as well as batch = 1
        Comparison micro = compare(lesson, "micro=1");
        assertTrue(metrics(micro, MEAN_OF_MEANS).relativeError() <= EXACT);
        Comparison one = compare(lesson, "n=1", "batch=1");
        for (Procedure naive : List.of(MEAN_INPUT, MEAN_ERROR)) {
            assertTrue(metrics(one, naive).relativeError() <= EXACT, "n = 1: " + naive);
        }

        Run run = train(c.spec());
        double previous = Double.NaN;
        boolean rose = false;
        for (Trainer.Record r : run.records()) {
            double cost = r.copies().get(PER_EXAMPLE).cost();
            for (Procedure naive : List.of(MEAN_INPUT, MEAN_ERROR)) {
                assertEquals(cost, r.copies().get(naive).cost(), 1e-12, "one curve at step " + r.step());
            }
            rose |= cost > previous;
            previous = cost;
        }
        assertTrue(rose, "the cost of a batch-of-one descent goes up as well as down");
        assertEquals(0.21, run.finalCost(PER_EXAMPLE), 0.01);
    }

    @Test
    void f4TryThisABatchOfTwoIsAlreadyEnoughToGoWrong() {
        Comparison c = compare(read("f4-batch-of-one"), "batch=2");
        assertEquals(0.33, metrics(c, MEAN_INPUT).relativeError(), 0.01);
        assertEquals(0.24, metrics(c, MEAN_ERROR).relativeError(), 0.01);
        for (Procedure naive : List.of(MEAN_INPUT, MEAN_ERROR)) {
            for (double e : metrics(c, naive).perLayerRelativeError()) {
                assertTrue(e > 0.1, naive + " per layer: " + e);
            }
        }
    }

    // ------------------------------------------------------------------ F5

    @Test
    void f5TheShortcutsAreWrongBelowEveryNonLinearityAndLearnNothingOnXor() {
        LessonFile lesson = read("f5-nonlinear");
        Comparison c = compare(lesson);
        assertNotEquals(Activation.IDENTITY, c.spec().act());
        assertTrue(c.spec().hidden().size() >= 2);
        int layers = c.model().layers();
        for (Procedure naive : List.of(MEAN_INPUT, MEAN_ERROR)) {
            Metrics m = metrics(c, naive);
            double[] perLayer = m.perLayerRelativeError();
            for (int l = 1; l < layers; l++) {
                assertTrue(perLayer[l - 1] > WRONG, naive + " layer " + l + ": " + perLayer[l - 1]);
            }
            assertTrue(perLayer[layers - 1] > WRONG, naive + ": with bce the top layer is wrong too");
            assertTrue(Math.abs(m.cosine()) < 0.05, naive + " is about 90° off: " + m.cosine());
            assertTrue(m.normRatio() < 0.15, naive + " is about a tenth as long: " + m.normRatio());
        }
        Run run = train(c.spec());
        assertTrue(run.finalCost(PER_EXAMPLE) < 0.01, "the correct copy learns XOR");
        for (Procedure naive : List.of(MEAN_INPUT, MEAN_ERROR)) {
            assertEquals(Math.log(2), run.finalCost(naive), 0.01, naive + " stays at about ln 2");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sigmoid", "tanh", "relu"})
    void f5EveryHiddenLayerIsWrongForEachNonLinearActivation(String act) {
        Comparison c = compare(read("f5-nonlinear"), "act=" + act);
        for (Procedure naive : List.of(MEAN_INPUT, MEAN_ERROR)) {
            double[] perLayer = metrics(c, naive).perLayerRelativeError();
            for (int l = 1; l < c.model().layers(); l++) {
                assertTrue(perLayer[l - 1] > WRONG, naive + " with " + act + ", layer " + l + ": " + perLayer[l - 1]);
            }
        }
    }

    @Test
    void f5TryThisWithTheLinearLossOnlyTheTopLayerOfMeanErrorBecomesExact() {
        Comparison c = compare(read("f5-nonlinear"), "loss=linear");
        int layers = c.model().layers();
        double[] meanError = metrics(c, MEAN_ERROR).perLayerRelativeError();
        double[] meanInput = metrics(c, MEAN_INPUT).perLayerRelativeError();
        assertTrue(meanError[layers - 1] <= EXACT, "the top layer is exact: " + meanError[layers - 1]);
        for (int l = 1; l < layers; l++) {
            assertTrue(meanError[l - 1] > 5e-3, "mean-error layer " + l + " below tanh: " + meanError[l - 1]);
        }
        for (int l = 1; l <= layers; l++) {
            assertTrue(meanInput[l - 1] > 5e-3, "mean-input layer " + l + ": " + meanInput[l - 1]);
        }
        int last = layers;
        assertTrue(rel(grad(c, MEAN_INPUT).b(last), grad(c, PER_EXAMPLE).b(last)) <= EXACT, "only its output bias");
    }

    // ------------------------------------------------------------------ F6

    @Test
    void f6TheMirrorPointThroughTheBestLineHasTheSameCostAndTheOppositeGradient() {
        LessonFile lesson = read("f6-level-sets");
        Comparison c = compare(lesson);
        assertTrue(c.spec().hidden().isEmpty());
        assertEquals(Loss.MSE, c.spec().loss());
        assertEquals(2, c.theta().size(), "the landscape over two parameters is the whole cost");
        Model model = c.model();
        Batch batch = c.batch();
        double[] x = column(batch.x(), 0);
        double[] y = column(batch.y(), 0);
        // the least-squares line, by hand
        double mStar = cov(x, y) / cov(x, x);
        double bStar = mean(y) - mStar * mean(x);
        Parameters a = c.theta();
        Parameters b = a.copy();
        b.w(1).set(0, 0, 2 * mStar - a.w(1).get(0, 0));
        b.b(1).set(0, 0, 2 * bStar - a.b(1).get(0, 0));

        double ja = model.cost(a, batch);
        double jb = model.cost(b, batch);
        assertEquals(ja, jb, EXACT * ja * 10, "θb lies on the contour of θa");
        assertEquals(ja, independentMse(a, x, y), EXACT * ja * 10);
        Parameters ga = new Batched().gradient(model, a, batch);
        Parameters gb = new Batched().gradient(model, b, batch);
        assertTrue(rel(ga.flat(), grad(c, PER_EXAMPLE).flat()) <= 1e-12);
        assertTrue(Metrics.norm(ga.flat()) > 1, "a gradient far from zero");
        double[] minusGa = ga.flat();
        for (int j = 0; j < minusGa.length; j++) {
            minusGa[j] = -minusGa[j];
        }
        assertTrue(rel(gb.flat(), minusGa) <= 1e-9, "∇J(θb) = −∇J(θa): no g with ∇J = g(J)");

        // the numbers the text quotes
        assertEquals(2.2195, ja, 5e-5);
        assertEquals(1.020, mStar, 5e-4);
        assertEquals(0.272, bStar, 5e-4);
        assertEquals(3.379, b.w(1).get(0, 0), 5e-4);
        assertEquals(0.543, b.b(1).get(0, 0), 5e-4);
        assertEquals(0.103, independentMse(bestLine(mStar, bStar, a), x, y), 5e-4);

        // the pair the page draws on the landscape: θa = θ0 and a θb on its contour, 55° apart
        Landscape landscape = Landscape.compute(c);
        Landscape.Counterexample pair = landscape.counterexample().orElseThrow();
        assertEquals(pair.costA(), pair.costB(), 1e-9 * pair.costA(), "one contour");
        assertEquals(ja, pair.costA(), 1e-12 * ja, "the contour through θ0");
        assertEquals(-1.73, pair.b().x(), 0.005);
        assertEquals(1.00, pair.b().y(), 0.005);
        assertEquals(55, pair.angleDegrees(), 1);
        assertTrue(landscape.x().min() < mStar && mStar < landscape.x().max()
                && landscape.y().min() < bStar && bStar < landscape.y().max(), "the bowl's bottom is in the window");
        assertTrue(b.w(1).get(0, 0) > landscape.x().max(), "the mirror point is outside the window");
    }

    private static Parameters bestLine(double m, double b, Parameters like) {
        Parameters p = like.copy();
        p.w(1).set(0, 0, m);
        p.b(1).set(0, 0, b);
        return p;
    }

    private static double independentMse(Parameters theta, double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double r = theta.w(1).get(0, 0) * x[i] + theta.b(1).get(0, 0) - y[i];
            s += r * r;
        }
        return s / x.length;
    }

    @Test
    void f6TryThisTheLinearCostWithoutAHiddenLayerHasOneGradientEverywhere() {
        Comparison c = compare(read("f6-level-sets"), "loss=linear");
        double xBar = mean(column(c.batch().x(), 0));
        double[] expected = {-xBar, -1};
        for (double shift : new double[] {0, 1, -3.5, 10}) {
            Parameters theta = c.theta().copy();
            theta.w(1).set(0, 0, theta.w(1).get(0, 0) + shift);
            theta.b(1).set(0, 0, theta.b(1).get(0, 0) - 2 * shift);
            assertTrue(rel(new Batched().gradient(c.model(), theta, c.batch()).flat(), expected) <= EXACT,
                    "∇J = (−x̄, −1) at every θ");
        }
        assertEquals(0.0, metrics(c, MEAN_INPUT).relativeError(), EXACT);
        assertEquals(0.0, metrics(c, MEAN_ERROR).relativeError(), EXACT);
        Landscape plane = Landscape.compute(c);
        assertTrue(plane.counterexample().isEmpty() && plane.constantGradient() && !plane.reason().isEmpty(),
                "the landscape says there is no pair");

        // with a hidden layer the linear cost's gradient changes from point to point
        Comparison deep = compare(read("f6-level-sets"), "loss=linear", "hidden=4");
        Parameters moved = deep.theta().copy();
        moved.w(1).data[0] *= 2;
        double change = rel(new PerExample().gradient(deep.model(), moved, deep.batch()).flat(),
                grad(deep, PER_EXAMPLE).flat());
        assertTrue(change > WRONG, "with a hidden layer ∇J varies: " + change);
    }

    // ------------------------------------------------------------------ F7

    @Test
    void f7UnequalMicroBatchesMakeMeanOfMeansDifferFromAccumulateByTheReweighting() {
        LessonFile lesson = read("f7-accumulation");
        Comparison c = compare(lesson);
        int[] sizes = c.spec().microSizes();
        assertTrue(sizes.length >= 2 && java.util.Arrays.stream(sizes).distinct().count() > 1, "unequal sizes");
        assertTrue(c.spec().naive().isEmpty(), "the lesson compares accumulation only");
        assertTrue(metrics(c, ACCUMULATE).relativeError() <= EXACT, "accumulate is the correct gradient");
        Metrics mom = metrics(c, MEAN_OF_MEANS);
        assertEquals(0.13, mom.relativeError(), 0.005);
        assertEquals(5.1, mom.angleDegrees(), 0.1);
        for (double e : mom.perLayerRelativeError()) {
            assertTrue(e > 0.1, "wrong in every layer: " + e);
        }

        // (1/K) Σ_k m_k, and its difference from accumulate Σ_k (1/K − n_k/N)(m_k − ∇J), from the slices
        Model model = c.model();
        Batch batch = c.batch();
        int n = batch.size();
        int k = sizes.length;
        Parameters correct = grad(c, PER_EXAMPLE);
        Parameters expected = correct.zerosLike();
        Parameters difference = correct.zerosLike();
        int from = 0;
        for (int size : sizes) {
            Parameters mk = new PerExample().gradient(model, c.theta(), batch.slice(from, from + size));
            expected.addScaled(1.0 / k, mk);
            Parameters centred = mk.copy();
            centred.addScaled(-1, correct);
            difference.addScaled(1.0 / k - (double) size / n, centred);
            from += size;
        }
        assertTrue(rel(grad(c, MEAN_OF_MEANS).flat(), expected.flat()) <= 1e-12, "mean-of-means = (1/K) Σ m_k");
        Parameters actual = grad(c, MEAN_OF_MEANS).copy();
        actual.addScaled(-1, grad(c, ACCUMULATE));
        assertTrue(rel(actual.flat(), difference.flat()) <= 1e-10, "the difference is the reweighting");

        Run run = train(c.spec());
        assertEquals(run.finalCost(PER_EXAMPLE), run.finalCost(MEAN_OF_MEANS), 0.01 * run.finalCost(PER_EXAMPLE),
                "the cost curves almost coincide");
        double lowest = 1;
        for (Trainer.Record r : run.records()) {
            double cosine = r.copies().get(MEAN_OF_MEANS).cosine();
            if (!Double.isNaN(cosine)) {
                lowest = Math.min(lowest, cosine);
            }
        }
        assertTrue(lowest < 0, "the cosine of mean-of-means swings below zero: " + lowest);
    }

    @Test
    void f7TryThisEqualMicroBatchesMakeMeanOfMeansEqualAccumulate() {
        LessonFile lesson = read("f7-accumulation");
        for (String micro : List.of("16,16", "8,8,8,8")) {
            Comparison c = compare(lesson, "micro=" + micro);
            double e = rel(grad(c, MEAN_OF_MEANS).flat(), grad(c, ACCUMULATE).flat());
            assertTrue(e <= EXACT, micro + ": " + e);
            assertTrue(metrics(c, MEAN_OF_MEANS).relativeError() <= EXACT, micro);
        }
        Run run = train(spec(lesson, "micro=16,16"));
        assertEquals(run.finalCost(PER_EXAMPLE), run.finalCost(MEAN_OF_MEANS), 1e-12);
    }

    // ------------------------------------------------------------------ free play

    @Test
    void freePlayStartsFromTheDefaultsAndBiggerStepsLeaveTheNaiveCopiesWhereTheyWere() {
        LessonFile lesson = read("free-play");
        assertEquals("", lesson.query(), "no preset: the defaults");
        assertEquals(LabSpec.defaults(), spec(lesson));
        Comparison c = compare(lesson);
        assertTrue(rel(grad(c, MEAN_INPUT).flat(), grad(c, MEAN_ERROR).flat()) <= EXACT);
        assertEquals(35, metrics(c, MEAN_ERROR).angleDegrees(), 0.5);

        Run slow = train(c.spec());
        Run fast = train(spec(lesson, "lr=0.5"));
        for (Run run : List.of(slow, fast)) {
            assertTrue(run.finalCost(PER_EXAMPLE) < 0.11);
            for (Procedure naive : List.of(MEAN_INPUT, MEAN_ERROR)) {
                assertEquals(1.4488, run.finalCost(naive), 1e-4, naive + " rests at 1.45 whatever the step");
            }
        }
    }

    @Test
    void everyPresetAndEveryTryThisChangeIsAValidLab() {
        // the changes the "Try this" sections ask for, each one edit of one control
        Map<String, String> changes = Map.of("intro", "act=identity", "f1-covariance", "hidden=4",
                "f2-linear-regression", "noise=0", "f3-linear-cost", "loss=mse", "f4-batch-of-one", "batch=2",
                "f5-nonlinear", "loss=linear", "f6-level-sets", "loss=linear", "f7-accumulation", "micro=16,16",
                "free-play", "lr=0.5");
        assertEquals(Set.copyOf(LESSONS), changes.keySet());
        changes.forEach((name, change) -> {
            try {
                spec(read(name), change);
            } catch (ValidationException e) {
                fail(name + " with " + change + ": " + e.getMessage());
            }
        });
    }
}
