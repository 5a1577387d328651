package gradlab.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import gradlab.data.DataSet;
import gradlab.engine.Batched;
import gradlab.engine.NoiseScale;
import gradlab.engine.Procedure;
import gradlab.engine.Trainer;
import gradlab.lab.Comparison;
import gradlab.lab.LabData;
import gradlab.lab.LabSpec;
import gradlab.lab.Limits;
import gradlab.lab.TrainingHistory;
import gradlab.lab.TrainingRun;
import gradlab.lab.Uploads;

/** The per-example pictures besides the cloud: points sized by ‖g_i‖, the noise meter, the noise curve. */
class PerExamplePicturesTest {
    private static LabSpec spec(String q) {
        return LabSpec.parse(q, Limits.DEFAULT, Uploads.NONE);
    }

    private static String trained(String q, List<Trainer> out) {
        LabSpec spec = spec(q);
        Trainer trainer = TrainingRun.trainer(spec, Limits.DEFAULT, Uploads.NONE);
        TrainingHistory history = new TrainingHistory();
        trainer.run(history::add, () -> false);
        out.add(trainer);
        return TrainingCharts.render(history, LabData.load(spec, Uploads.NONE), trainer.setup().model(), trainer::theta).render();
    }

    @Test
    void theFitsPointsHaveAreasInProportionToTheirGradientsNorms() {
        List<Trainer> t = new ArrayList<>();
        String html = trained("data=sine&n=40&hidden=6&steps=15", t);
        String fit = html.substring(html.indexOf("id=\"chart-fit\""));
        int points = fit.indexOf("class=\"points\"");
        fit = fit.substring(points, fit.indexOf("</g>", points));
        List<Double> radii = new ArrayList<>();
        Matcher m = Pattern.compile("<circle [^>]*r=\"([0-9.]+)\"").matcher(fit);
        while (m.find()) {
            radii.add(Double.parseDouble(m.group(1)));
        }
        assertEquals(40, radii.size());
        // each example's gradient, apart, at the correct copy's final θ
        DataSet data = LabData.load(spec("data=sine&n=40&hidden=6&steps=15"), Uploads.NONE);
        double[] norms = new double[40];
        double max = 0;
        for (int i = 0; i < 40; i++) {
            double[] g = new Batched().gradient(t.get(0).setup().model(), t.get(0).theta(Procedure.REFERENCE),
                    LabData.batch(data).slice(i, i + 1)).flat();
            norms[i] = Math.sqrt(java.util.Arrays.stream(g).map(v -> v * v).sum());
            max = Math.max(max, norms[i]);
        }
        for (int i = 0; i < 40; i++) {
            double want = Math.max(1.5, 6 * Math.sqrt(norms[i] / max));
            assertEquals(want, radii.get(i), 0.051, "point " + i + ": area ∝ ‖g_i‖, at least a minimum");
        }
    }

    @Test
    void theNoiseCurveIsDrawnWhereTheRunRecordsBSimpleAndNotBeyond() {
        String small = trained("data=sine&n=40&hidden=6&steps=15&batch=8", new ArrayList<>());
        assertTrue(small.contains("data-chart=\"noise\""));
        String large = trained("data=sine&n=300&hidden=64,64&steps=1&naive=", new ArrayList<>());
        assertFalse(large.contains("data-chart=\"noise\""), "n × scalars beyond 10⁶: no B_simple, no curve");
    }

    @Test
    void theNoiseMeterSaysHowMuchOfAStepIsNoise() {
        Comparison c = Comparison.compute(spec("data=sine&n=64&hidden=8&batch=8"), Limits.DEFAULT, Uploads.NONE);
        NoiseScale s = c.examples().noise();
        String meter = NoiseMeter.of(c).render();
        double r = s.minibatchNoiseRatio();
        assertTrue(meter.contains("value=\"" + Format.num(r / (1 + r)) + "\""), meter);
        assertTrue(meter.contains("Your batch 8; B_simple ≈ " + NoiseMeter.approximately(s.bSimple())), meter);
        assertEquals("Your batch 8; B_simple ≈ 140: a step's direction is mostly noise.",
                NoiseMeter.words(new NoiseScale(1, 140, 140, 140.0 / 8 * (1 - 8.0 / 1000), 8), 1000));
        assertTrue(NoiseMeter.words(new NoiseScale(1, 140, 140, 0, 64), 64).contains("no sampling noise"));
        assertTrue(NoiseMeter.words(new NoiseScale(1, 2, 2, 2.0 / 50 * 0.5, 50), 100).endsWith("mostly signal."));
        assertTrue(NoiseMeter.words(new NoiseScale(1, Double.NaN, Double.NaN, Double.NaN, 1), 1).startsWith("One example"));
        String fragment = LabPage.fragment(c);
        assertTrue(fragment.contains("id=\"noise-meter\" class=\"noise-meter hint\" data-hx-swap-oob=\"true\""),
                "a new comparison brings its meter");
    }
}
