package gradlab;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The command line against DESIGN.md ("JSON API", "Training comparison"): {@code compare}
 * prints the /api/compare object, {@code train} the NDJSON or CSV records, and a bad query
 * one line on stderr with status 2. Run in-process through {@link Cli} and {@link App},
 * plus one small test of the packaged jar when it exists.
 */
class CliTest {

    /** Strict JSON: no NaN or Infinity, no duplicate keys, nothing after the value. */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final List<String> COMPARE_KEYS =
            List.of("spec", "parameters", "batch", "cost", "atKink", "gradients", "metrics", "exampleGradientNorms", "noise");
    private static final List<String> METRIC_KEYS =
            List.of("cosine", "angleDegrees", "relativeError", "normRatio", "sameSign", "perLayerRelativeError");

    private record Result(int status, String out, String err) {
    }

    private static Result cli(String command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Cli(new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8))
                .run(command, List.of(args)).status();
        return new Result(status, out.toString(UTF_8), err.toString(UTF_8));
    }

    /** App.run writes to System.out and System.err; capture them for the call. */
    private static Result app(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, UTF_8));
            System.setErr(new PrintStream(err, true, UTF_8));
            int status = App.run(args).orElseThrow(() -> new AssertionError("the server started")).status();
            return new Result(status, out.toString(UTF_8), err.toString(UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static JsonNode json(String text) {
        try {
            return STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not strict JSON: " + e.getOriginalMessage() + "\n" + text, e);
        }
    }

    private static List<String> keys(JsonNode object) {
        assertTrue(object.isObject(), () -> "not an object: " + object);
        return object.properties().stream().map(Map.Entry::getKey).toList();
    }

    private static JsonNode compare(String query) {
        Result r = cli("compare", query);
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().endsWith("\n") && r.out().indexOf('\n') == r.out().length() - 1,
                "one JSON object on one line");
        return json(r.out());
    }

    private static List<String> lines(String out) {
        assertTrue(out.endsWith("\n"), "output ends with a newline");
        return out.lines().toList();
    }

    // ---------------------------------------------------------------------------- compare

    @Test
    void compareIsOneObjectWithTheKeysOfTheApi() {
        JsonNode c = compare("hidden=8");
        assertEquals(COMPARE_KEYS, keys(c));
        assertEquals(List.of("data", "n", "noise", "seed", "hidden", "act", "loss", "batch", "micro", "naive", "lr",
                "steps", "format", "at", "along", "examples", "plane", "px", "py"), keys(c.get("spec")));
        assertTrue(c.get("cost").isNumber());
        assertTrue(c.get("atKink").isBoolean());
    }

    @Test
    void parametersHaveDesignsNamesAndShapes() {
        // xor has 2 inputs and, with mse, one 0/1 target column: d = 2, 8, 1
        JsonNode parameters = compare("data=xor&hidden=8").get("parameters");
        List<String> names = new ArrayList<>();
        List<int[]> shapes = new ArrayList<>();
        for (JsonNode p : parameters) {
            names.add(p.get("name").asText());
            shapes.add(new int[] {p.get("rows").asInt(), p.get("cols").asInt()});
            assertMatrix(p.get("values"), p.get("rows").asInt(), p.get("cols").asInt());
        }
        assertEquals(List.of("W1", "b1", "W2", "b2"), names);
        assertEquals(List.of("8x2", "8x1", "1x8", "1x1"), shapes.stream().map(s -> s[0] + "x" + s[1]).toList());
    }

    @Test
    void ceOnXorHasTwoOutputUnitsAndOneHotTargets() {
        JsonNode c = compare("data=xor&loss=ce&hidden=3");
        JsonNode w2 = c.get("parameters").get(2);
        assertEquals("W2", w2.get("name").asText());
        assertEquals(2, w2.get("rows").asInt());
        assertEquals(3, w2.get("cols").asInt());
        for (JsonNode row : c.get("batch").get("y")) {
            assertEquals(2, row.size());
            assertEquals(1.0, row.get(0).asDouble() + row.get(1).asDouble(), 0.0);
        }
    }

    @Test
    void everyGradientHasTheNamesAndShapesOfTheParameters() {
        JsonNode c = compare("data=blobs3&loss=ce&hidden=4,3&batch=16&micro=8,8");
        JsonNode parameters = c.get("parameters");
        JsonNode gradients = c.get("gradients");
        assertEquals(List.of("per-example", "batched", "mean-input", "mean-error", "finite-difference", "accumulate",
                "mean-of-means"), keys(gradients));
        for (String id : keys(gradients)) {
            JsonNode g = gradients.get(id);
            assertEquals(parameters.size(), g.size(), id);
            for (int i = 0; i < parameters.size(); i++) {
                assertEquals(parameters.get(i).get("name").asText(), g.get(i).get("name").asText(), id);
                assertMatrix(g.get(i).get("values"), parameters.get(i).get("rows").asInt(),
                        parameters.get(i).get("cols").asInt());
            }
        }
    }

    @Test
    void everyProcedureButTheReferenceHasEveryMetricWithOneEntryPerLayer() {
        JsonNode c = compare("hidden=5,5&batch=16&micro=4,12");
        List<String> expected = new ArrayList<>(keys(c.get("gradients")));
        expected.remove("per-example");
        assertEquals(expected, keys(c.get("metrics")));
        assertTrue(expected.containsAll(List.of("batched", "mean-input", "mean-error", "accumulate", "mean-of-means")));
        for (String id : expected) {
            JsonNode m = c.get("metrics").get(id);
            assertEquals(METRIC_KEYS, keys(m), id);
            assertEquals(3, m.get("perLayerRelativeError").size(), id + ": three layers");
        }
        // batched is the reference's value computed another way
        assertEquals(0.0, c.get("metrics").get("batched").get("relativeError").asDouble(), 1e-12);
    }

    @Test
    void microAddsAccumulateAndMeanOfMeans() {
        assertFalse(keys(compare("batch=16").get("gradients")).contains("accumulate"));
        assertFalse(keys(compare("batch=16").get("gradients")).contains("mean-of-means"));
        JsonNode c = compare("batch=16&micro=8,8");
        assertTrue(keys(c.get("gradients")).containsAll(List.of("accumulate", "mean-of-means")));
        // F7: equal micro-batch sizes make mean-of-means equal to accumulate, and both correct
        assertEquals(0.0, c.get("metrics").get("accumulate").get("relativeError").asDouble(), 1e-12);
        assertEquals(0.0, c.get("metrics").get("mean-of-means").get("relativeError").asDouble(), 1e-12);
        assertEquals(16, c.get("batch").get("x").size());
    }

    @Test
    void naiveSelectsTheNaiveProcedures() {
        assertFalse(keys(compare("naive=").get("gradients")).contains("mean-input"));
        assertEquals(List.of("per-example", "batched", "mean-error", "finite-difference"),
                keys(compare("naive=mean-error").get("gradients")));
    }

    @Test
    void theSameQueryGivesTheSameBytes() {
        String query = "data=spiral&hidden=6,6&act=relu&batch=20&micro=5,15&seed=9";
        Result first = cli("compare", query);
        Result second = cli("compare", query);
        assertEquals(0, first.status());
        assertEquals(first.out(), second.out());
    }

    private static void assertMatrix(JsonNode values, int rows, int cols) {
        assertEquals(rows, values.size(), "rows");
        for (JsonNode row : values) {
            assertEquals(cols, row.size(), "cols");
            for (JsonNode v : row) {
                assertTrue(v.isNumber(), () -> "not a number: " + v);
            }
        }
    }

    // ---------------------------------------------------------------------------- train, NDJSON

    @Test
    void trainPrintsARecordPerStepThenTheSummary() {
        Result r = cli("train", "steps=20");
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        List<JsonNode> records = lines(r.out()).stream().map(CliTest::json).toList();
        assertEquals(22, records.size(), "steps 0..20, then the summary");
        for (int k = 0; k <= 20; k++) {
            JsonNode record = records.get(k);
            assertEquals(List.of("step", "procedures"), keys(record));
            assertEquals(k, record.get("step").asInt());
            JsonNode procedures = record.get("procedures");
            assertEquals(List.of("per-example", "mean-input", "mean-error"), keys(procedures));
            assertEquals(List.of("cost", "bSimple", "diverged"), keys(procedures.get("per-example")));
            assertEquals(List.of("cost", "cosine", "relativeError", "diverged"), keys(procedures.get("mean-error")));
            assertFalse(procedures.get("mean-input").get("diverged").asBoolean());
        }
        JsonNode summary = records.get(21).get("summary");
        assertEquals(List.of("summary"), keys(records.get(21)));
        assertEquals(20, summary.get("steps").asInt());
        assertEquals("completed", summary.get("end").asText());
        assertEquals(List.of("per-example", "mean-input", "mean-error"), keys(summary.get("procedures")));
        for (String id : keys(summary.get("procedures"))) {
            JsonNode p = summary.get("procedures").get(id);
            assertEquals(List.of("finalCost", "divergedAtStep"), keys(p));
            assertTrue(p.get("divergedAtStep").isNull(), id);
            // the final cost is J at the last recorded step
            assertEquals(records.get(20).get("procedures").get(id).get("cost").asDouble(),
                    p.get("finalCost").asDouble(), 0.0, id);
        }
        // step 0 is θ0 for every copy, so every copy starts at the same cost
        JsonNode start = records.get(0).get("procedures");
        assertEquals(start.get("per-example").get("cost").asDouble(), start.get("mean-error").get("cost").asDouble(), 0);
    }

    @Test
    void manyStepsRecordFiveHundredSteps() {
        List<String> out = lines(cli("train", "steps=1000").out());
        assertEquals(501, out.size());
        List<Integer> steps = out.subList(0, 500).stream().map(l -> json(l).get("step").asInt()).toList();
        assertEquals(0, steps.get(0));
        assertEquals(1000, steps.get(499));
        for (int j = 0; j < 500; j++) {
            // round(j·steps/(R−1)), halves up
            assertEquals((int) Math.floor(j * 1000.0 / 499 + 0.5), steps.get(j), "record " + j);
        }
        assertEquals(1000, json(out.get(500)).get("summary").get("steps").asInt());
    }

    @Test
    void microAddsAMeanOfMeansCopy() {
        List<String> out = lines(cli("train", "steps=3&batch=16&micro=4,12&naive=mean-error").out());
        assertEquals(List.of("per-example", "mean-error", "mean-of-means"), keys(json(out.get(0)).get("procedures")));
    }

    @Test
    void aDivergingRunStopsEachCopyAndWritesNoNonFiniteNumber() {
        Result r = cli("train", "lr=100&loss=mse&steps=50");
        assertEquals(0, r.status(), r.err());
        for (String forbidden : List.of("NaN", "Infinity")) {
            assertFalse(r.out().contains(forbidden), forbidden);
        }
        List<JsonNode> records = lines(r.out()).stream().map(CliTest::json).toList();
        JsonNode summary = records.get(records.size() - 1).get("summary");
        assertEquals("completed", summary.get("end").asText());
        boolean anyDiverged = false;
        for (String id : keys(summary.get("procedures"))) {
            JsonNode p = summary.get("procedures").get(id);
            if (p.get("divergedAtStep").isNull()) {
                continue;
            }
            anyDiverged = true;
            int at = p.get("divergedAtStep").asInt();
            assertTrue(at >= 1 && at <= 50, id + " diverged at " + at);
            assertTrue(p.get("finalCost").isNumber(), id + ": the last finite full-data J");
            for (JsonNode record : records.subList(0, records.size() - 1)) {
                JsonNode state = record.get("procedures").get(id);
                if (record.get("step").asInt() >= at) {
                    assertEquals("{\"diverged\":true}", state.toString(), id + " at " + record.get("step"));
                } else {
                    assertFalse(state.get("diverged").asBoolean());
                    assertTrue(state.get("cost").isNumber());
                }
            }
        }
        assertTrue(anyDiverged, "lr=100 on line must diverge");
    }

    // ---------------------------------------------------------------------------- train, CSV

    private static final String CSV_HEADER = "step,"
            + "per-example.cost,per-example.cosine,per-example.relativeError,per-example.diverged,per-example.bSimple,"
            + "mean-input.cost,mean-input.cosine,mean-input.relativeError,mean-input.diverged,"
            + "mean-error.cost,mean-error.cosine,mean-error.relativeError,mean-error.diverged";

    @Test
    void csvHasTheHeaderAndOneRowPerRecordedStep() {
        Result r = cli("train", "steps=20&format=csv");
        assertEquals(0, r.status(), r.err());
        List<String> out = lines(r.out());
        assertEquals(CSV_HEADER, out.get(0));
        assertEquals(22, out.size(), "the header and steps 0..20, no summary");
        for (int k = 0; k <= 20; k++) {
            String[] cells = out.get(k + 1).split(",", -1);
            assertEquals(14, cells.length, out.get(k + 1));
            assertEquals(Integer.toString(k), cells[0]);
            assertTrue(cells[2].isEmpty() && cells[3].isEmpty(), "per-example has no cosine or relative error");
            assertEquals("false", cells[4]);
            Double.parseDouble(cells[1]);
            assertTrue(Double.parseDouble(cells[5]) > 0, "per-example's B_simple");
            Double.parseDouble(cells[7]);
        }
    }

    @Test
    void csvOfManyStepsHasFiveHundredRows() {
        List<String> out = lines(cli("train", "steps=1000&format=csv").out());
        assertEquals(501, out.size());
        assertTrue(out.get(1).startsWith("0,"));
        assertTrue(out.get(500).startsWith("1000,"));
    }

    @Test
    void csvWithMicroAddsMeanOfMeansColumnsAndDivergedRowsHaveEmptyCells() {
        List<String> out = lines(cli("train", "format=csv&lr=100&steps=10&batch=16&micro=8,8").out());
        assertEquals(CSV_HEADER + ",mean-of-means.cost,mean-of-means.cosine,mean-of-means.relativeError,"
                + "mean-of-means.diverged", out.get(0));
        String last = out.get(out.size() - 1);
        assertFalse(last.contains("NaN") || last.contains("Infinity"), last);
        assertTrue(last.startsWith("10,,,,true,,"), "per-example diverged by step 10: " + last);
    }

    // ---------------------------------------------------------------------------- bad input

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("compare", List.of("n=0"), "n"),
                Arguments.of("compare", List.of("loss=nope"), "loss"),
                Arguments.of("compare", List.of("frobnicate=1"), "frobnicate"),
                Arguments.of("compare", List.of("n=1", "n=2"), "one query"),
                Arguments.of("train", List.of("n=0"), "n"),
                Arguments.of("train", List.of("steps=5001"), "5000"),
                Arguments.of("train", List.of("data=line&loss=bce"), "bce"),
                Arguments.of("train", List.of("hidden=8", "act=relu"), "one query"),
                Arguments.of("compare", List.of("data=u-0123456789ab"), "u-0123456789ab"),
                Arguments.of("compare", List.of("at=-1"), "at must be"),
                Arguments.of("compare", List.of("along=finite-difference"), "along must be"),
                // a copy that diverged before the step asked for: the step it diverged at
                Arguments.of("compare", List.of("data=sine&hidden=8&lr=1000&along=mean-input&at=500"),
                        "mean-input diverged at step "));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badInput")
    void badInputIsOneLineOnStderrAndStatusTwo(String command, List<String> args, String mentioned) {
        Result r = cli(command, args.toArray(new String[0]));
        assertEquals(2, r.status());
        assertEquals("", r.out());
        assertOneErrorLine(r.err(), mentioned);
    }

    private static void assertOneErrorLine(String err, String mentioned) {
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("gradlab: "), err);
        assertTrue(err.endsWith("\n"), err);
        assertTrue(err.contains(mentioned), () -> err + " does not mention " + mentioned);
    }

    @Test
    void anUnknownCommandIsStatusTwo() {
        Result r = app("frobnicate", "n=1");
        assertEquals(2, r.status());
        assertEquals("", r.out());
        assertOneErrorLine(r.err(), "frobnicate");
    }

    @Test
    void appPassesCommandsToTheCli() {
        Result bad = app("compare", "n=0");
        assertEquals(2, bad.status());
        assertEquals("", bad.out());
        assertOneErrorLine(bad.err(), "n");
        Result good = app("compare", "n=3");
        assertEquals(0, good.status(), good.err());
        assertEquals(3, json(good.out()).get("spec").get("n").asInt());
    }

    @Test
    void helpListsEveryParameterWithItsRange() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"-h"})) {
            Result r = app(args);
            assertEquals(0, r.status());
            assertEquals("", r.err());
            Map<String, List<String>> ranges = Map.ofEntries(
                    Map.entry("data", List.of("line", "sine", "quadratic", "step", "blobs", "xor", "circles", "spiral",
                            "blobs3")),
                    Map.entry("n", List.of("1", "10000")),
                    Map.entry("noise", List.of("0", "1")),
                    Map.entry("seed", List.of("0", "2147483647")),
                    Map.entry("hidden", List.of("6", "64")),
                    Map.entry("act", List.of("identity", "sigmoid", "tanh", "relu", "leaky_relu")),
                    Map.entry("loss", List.of("mse", "mae", "huber", "linear", "bce", "ce")),
                    Map.entry("batch", List.of("1", "n")),
                    Map.entry("micro", List.of("summing to batch")),
                    Map.entry("naive", List.of("mean-input", "mean-error")),
                    Map.entry("lr", List.of("0 <", "1000")),
                    Map.entry("steps", List.of("1", "5000")),
                    Map.entry("format", List.of("ndjson", "csv")),
                    Map.entry("at", List.of("0", "5000", "independent of steps")),
                    Map.entry("along", List.of("per-example", "naive", "mean-of-means")));
            for (Map.Entry<String, List<String>> e : ranges.entrySet()) {
                String line = r.out().lines().filter(l -> l.startsWith("  " + e.getKey() + " ")).findFirst()
                        .orElseThrow(() -> new AssertionError("--help lacks " + e.getKey() + ":\n" + r.out()));
                for (String part : e.getValue()) {
                    assertTrue(line.contains(part), () -> line + " lacks " + part);
                }
            }
        }
    }
}
