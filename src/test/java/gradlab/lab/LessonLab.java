package gradlab.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ejml.data.DMatrixRMaj;

import gradlab.engine.Metrics;
import gradlab.engine.Parameters;
import gradlab.engine.Procedure;
import gradlab.engine.Trainer;
import gradlab.view.LessonText;

/**
 * The built-in lessons as the server reads them, and the numbers of their presets (and of
 * their "Try this" changes), for the tests that check what the texts claim.
 */
final class LessonLab {
    static final Lessons BUILT_IN = Lessons.load(true, null, Limits.DEFAULT, LessonText::html);

    /** Equal up to rounding. */
    static final double EXACT = 1e-12;
    /** Clearly wrong: far above rounding. */
    static final double WRONG = 1e-2;

    private LessonLab() {
    }

    static Lesson lesson(String id) {
        return BUILT_IN.find(id).orElseThrow(() -> new AssertionError("no built-in lesson " + id));
    }

    /** The lesson's preset with some controls changed ("key=value"), as the student would change them. */
    static LabSpec spec(String id, String... changes) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : (lesson(id).preset().isEmpty() ? new String[0] : lesson(id).preset().split("&"))) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        for (String change : changes) {
            int eq = change.indexOf('=');
            params.put(change.substring(0, eq), change.substring(eq + 1));
        }
        List<String> parts = new ArrayList<>();
        params.forEach((k, v) -> parts.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return LabSpec.parse(String.join("&", parts), Limits.DEFAULT, Uploads.NONE);
    }

    static Comparison compare(String id, String... changes) {
        return Comparison.compute(spec(id, changes), Limits.DEFAULT, Uploads.NONE);
    }

    /** A figure the lesson's text quotes, as the page fills it in. */
    static double figure(String id, String name) {
        return lesson(id).figures().value(Quantity.parse(name));
    }

    /** A training run of the spec, its records and its end. */
    record Run(Trainer trainer, List<Trainer.Record> records, Trainer.Summary summary) {
        double finalCost(Procedure copy) {
            return summary.copies().get(copy).finalCost();
        }

        /** The full-data cost of a copy at a recorded step. */
        double cost(Procedure copy, int step) {
            return records.stream().filter(r -> r.step() == step).findFirst()
                    .orElseThrow(() -> new AssertionError("step " + step + " is not recorded")).copies().get(copy).cost();
        }

        Trainer.CopyState last(Procedure copy) {
            return records.get(records.size() - 1).copies().get(copy);
        }
    }

    static Run train(LabSpec spec) {
        Trainer trainer = TrainingRun.trainer(spec, Limits.DEFAULT, Uploads.NONE);
        List<Trainer.Record> records = new ArrayList<>();
        Trainer.Summary summary = trainer.run(records::add, () -> false);
        return new Run(trainer, records, summary);
    }

    static double rel(double[] g, double[] c) {
        return Metrics.relativeError(g, c);
    }

    static double rel(DMatrixRMaj g, DMatrixRMaj c) {
        return rel(g.data, c.data);
    }

    static Parameters grad(Comparison c, Procedure procedure) {
        Parameters g = c.gradients().get(procedure);
        assertTrue(g != null, procedure + " is in the comparison");
        return g;
    }

    static Metrics metrics(Comparison c, Procedure procedure) {
        Metrics m = c.metrics().get(procedure);
        assertTrue(m != null, procedure + " is in the comparison");
        return m;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** Population covariance (1/N) of two columns, by two passes. */
    static double cov(double[] u, double[] v) {
        double mu = mean(u);
        double mv = mean(v);
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            s += (u[i] - mu) * (v[i] - mv);
        }
        return s / u.length;
    }

    static double[] column(DMatrixRMaj m, int c) {
        double[] out = new double[m.numRows];
        for (int i = 0; i < m.numRows; i++) {
            out[i] = m.get(i, c);
        }
        return out;
    }
}
