package gradlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import gradlab.engine.Metrics;

/** Each example's gradient in /api/compare's JSON, read back as a notebook would read it. */
class ExampleGradientFactsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode compare(String query) throws Exception {
        return JSON.readTree(LabJson.compare(Comparison.compute(LabSpec.parse(query, Limits.DEFAULT, Uploads.NONE),
                Limits.DEFAULT, Uploads.NONE)));
    }

    /** A gradient in the API's layout, every scalar in order. */
    private static double[] flat(JsonNode gradient) {
        List<Double> v = new ArrayList<>();
        gradient.forEach(m -> m.get("values").forEach(row -> row.forEach(x -> v.add(x.doubleValue()))));
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] weighted(JsonNode gradients, JsonNode weights) {
        double[] sum = null;
        for (int i = 0; i < gradients.size(); i++) {
            double[] g = flat(gradients.get(i));
            sum = sum == null ? new double[g.length] : sum;
            for (int k = 0; k < g.length; k++) {
                sum[k] += weights.get(i).doubleValue() * g[k];
            }
        }
        return sum;
    }

    @Test
    void theExamplesGradientsAverageToPerExampleAndTheirNormsAreListed() throws Exception {
        JsonNode d = compare("data=xor&n=20&seed=3&hidden=4,3&act=relu&loss=bce&batch=10&examples=gradients");
        JsonNode each = d.get("exampleGradients");
        JsonNode norms = d.get("exampleGradientNorms");
        assertEquals(10, each.size());
        assertEquals(10, norms.size());
        assertEquals(d.get("gradients").get("per-example").size(), each.get(0).size(), "the layout of gradients");
        double[] weights = new double[10];
        java.util.Arrays.fill(weights, 0.1);
        double[] mean = weighted(each, JSON.valueToTree(weights));
        assertTrue(Metrics.relativeError(mean, flat(d.get("gradients").get("per-example"))) <= 1e-12);
        for (int i = 0; i < 10; i++) {
            double[] g = flat(each.get(i));
            double norm = Math.sqrt(java.util.Arrays.stream(g).map(x -> x * x).sum());
            assertEquals(norm, norms.get(i).doubleValue(), 1e-12 * Math.max(norm, 1e-300));
        }
        assertEquals("gradients", d.get("spec").get("examples").asText());
    }

    @Test
    void withoutExamplesThereAreNormsButNoGradients() throws Exception {
        JsonNode d = compare("data=sine&n=8&hidden=3");
        assertEquals(8, d.get("exampleGradientNorms").size());
        assertFalse(d.has("exampleGradients"));
        assertFalse(d.has("exampleWeights"), "no micro-batches, no weights");
        assertEquals("", d.get("spec").get("examples").asText());
        assertEquals(8, d.get("noise").get("batch").asInt());
    }

    @Test
    void eachExamplesWeightGivesAccumulateAndMeanOfMeansFromTheExamplesGradients() throws Exception {
        JsonNode d = compare("data=line&n=16&hidden=2&micro=3,13&examples=gradients");
        JsonNode w = d.get("exampleWeights");
        for (String id : List.of("accumulate", "mean-of-means")) {
            double sum = 0;
            for (JsonNode x : w.get(id)) {
                sum += x.doubleValue();
            }
            assertEquals(16, w.get(id).size());
            assertEquals(1.0, sum, 1e-12, id);
            double[] want = flat(d.get("gradients").get(id));
            assertTrue(Metrics.relativeError(weighted(d.get("exampleGradients"), w.get(id)), want) <= 1e-12, id);
        }
        assertEquals(1.0 / 6, w.get("mean-of-means").get(0).doubleValue(), 1e-15);
        assertEquals(1.0 / 26, w.get("mean-of-means").get(15).doubleValue(), 1e-15);
    }

    @Test
    void theRealWorldCaseWeighsAShortSequencesTokenNineTimesALongOnes() throws Exception {
        JsonNode w = compare("data=line&n=112&micro=11,101").get("exampleWeights").get("mean-of-means");
        assertEquals(101.0 / 11, w.get(0).doubleValue() / w.get(111).doubleValue(), 1e-12);
        assertEquals(1.0 / 22, w.get(0).doubleValue(), 1e-15);
    }

    @Test
    void everyExamplesGradientIsRefusedOnExamplesBeyondItsBound() {
        // hidden 64,64 on 2 inputs and 1 output: 192 + 4160 + 65 = 4417 scalars; 23 × 4417 > 10⁵ ≥ 22 × 4417
        ValidationException e = assertThrows(ValidationException.class, () -> LabSpec.parse(
                "data=xor&n=23&hidden=64,64&loss=bce&examples=gradients", Limits.DEFAULT, Uploads.NONE));
        assertEquals("examples", e.param());
        assertTrue(e.getMessage().contains("100000") && e.getMessage().contains("101591"), e.getMessage());
        LabSpec.parse("data=xor&n=23&batch=22&hidden=64,64&loss=bce&examples=gradients", Limits.DEFAULT, Uploads.NONE);
        assertEquals("examples", assertThrows(ValidationException.class, () -> LabSpec.parse("examples=all",
                Limits.DEFAULT, Uploads.NONE)).param());
    }

    @Test
    void theNoiseScaleIsNullWhereUndefinedAndTheJsonHoldsNoNonFiniteNumber() throws Exception {
        String text = LabJson.compare(Comparison.compute(LabSpec.parse("data=sine&n=1&hidden=3&examples=gradients",
                Limits.DEFAULT, Uploads.NONE), Limits.DEFAULT, Uploads.NONE));
        assertFalse(text.contains("NaN") || text.contains("Infinity"), text);
        JsonNode noise = JSON.readTree(text).get("noise");
        assertTrue(noise.get("traceCovariance").isNull() && noise.get("bSimple").isNull()
                && noise.get("minibatchNoiseRatio").isNull(), noise.toString());
        assertTrue(noise.get("gradientNormSquared").isNumber());
    }

    @Test
    void theNoiseScaleIsOverAllTheDataWhateverTheBatch() throws Exception {
        JsonNode full = compare("data=sine&n=24&seed=5&hidden=5").get("noise");
        JsonNode part = compare("data=sine&n=24&seed=5&hidden=5&batch=6").get("noise");
        // the same n examples, summed in another order (a full batch is the data shuffled)
        assertEquals(full.get("bSimple").doubleValue(), part.get("bSimple").doubleValue(),
                1e-12 * full.get("bSimple").doubleValue());
        assertEquals(0.0, full.get("minibatchNoiseRatio").doubleValue(), "a batch of all n has no sampling noise");
        assertEquals(part.get("bSimple").doubleValue() / 6 * (1 - 6.0 / 24), part.get("minibatchNoiseRatio").doubleValue(),
                1e-12 * part.get("minibatchNoiseRatio").doubleValue());
    }

    @Test
    void theCorrectCopysRecordsHoldBSimpleAtItsThetaWhereTheRunIsSmall() throws Exception {
        String q = "data=sine&n=24&seed=5&hidden=5&steps=6";
        List<JsonNode> records = new ArrayList<>();
        TrainingRun.train(LabSpec.parse(q, Limits.DEFAULT, Uploads.NONE), Limits.DEFAULT, Uploads.NONE, e -> {
            if (e instanceof RunEvent.Recorded r) {
                records.add(readTree(LabJson.record(r.record())));
            }
        });
        assertEquals(7, records.size());
        // at step 0 the correct copy is at θ0, where /api/compare measures the noise over the same data
        // (in another order: the comparison's full batch is the data shuffled)
        double atTheta0 = compare(q).get("noise").get("bSimple").doubleValue();
        assertEquals(atTheta0, records.get(0).at("/procedures/per-example/bSimple").doubleValue(), 1e-12 * atTheta0);
        for (JsonNode r : records) {
            assertTrue(r.at("/procedures/per-example/bSimple").doubleValue() > 0, r.toString());
            assertFalse(r.at("/procedures/mean-error").has("bSimple"), "the correct copy's alone");
        }
        // 300 examples × 4353 scalars is beyond 10⁶: the records say null, and the run pays nothing for it
        assertFalse(TrainingRun.recordsNoiseScale(10_000, 4417));
        assertTrue(TrainingRun.recordsNoiseScale(24, 16));
        List<JsonNode> large = new ArrayList<>();
        TrainingRun.train(LabSpec.parse("data=sine&n=300&hidden=64,64&steps=1&naive=", Limits.DEFAULT, Uploads.NONE),
                Limits.DEFAULT, Uploads.NONE, e -> {
                    if (e instanceof RunEvent.Recorded r) {
                        large.add(readTree(LabJson.record(r.record())));
                    }
                });
        assertTrue(large.get(0).at("/procedures/per-example/bSimple").isNull(), large.get(0).toString());
    }

    private static JsonNode readTree(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void thePlaneAndTheAxesAreReadCheckedAndWrittenBack() {
        LabSpec s = LabSpec.parse("data=line&hidden=3&plane=naive:mean-error&px=2&py=0", Limits.DEFAULT, Uploads.NONE);
        assertEquals("naive:mean-error", s.plane().id());
        assertEquals(2, s.px());
        assertEquals(0, s.py());
        assertEquals(s, LabSpec.parse(s.toQuery(), Limits.DEFAULT, Uploads.NONE));
        assertTrue(LabSpec.parse("micro=8,24&plane=naive:mean-of-means", Limits.DEFAULT, Uploads.NONE).plane().naive()
                .isPresent());
        for (String[] bad : new String[][] {{"plane=naive:mean-of-means", "plane"}, {"naive=mean-input&plane=naive:mean-error",
                "plane"}, {"plane=x", "plane"}, {"hidden=3&px=10", "px"}, {"px=-1", "px"}, {"px=1&py=1", "py"}}) {
            ValidationException e = assertThrows(ValidationException.class,
                    () -> LabSpec.parse(bad[0], Limits.DEFAULT, Uploads.NONE), bad[0]);
            assertEquals(bad[1], e.param(), bad[0]);
        }
        assertEquals("data=line&n=32&noise=0.3&seed=1&hidden=&act=tanh&loss=mse&batch=32&micro=&naive=mean-input%2Cmean-error"
                + "&lr=0.05&steps=200&format=ndjson", LabSpec.defaults().toQuery(), "the page's own parameters at their defaults are left out");
    }
}
