package gradlab.tools;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

/** The benchmark in its quick mode prints parseable JSON (no test asserts a time). */
class BenchTest {
    @Test
    void quickModePrintsOneJsonObjectPerSizeThenTheLab() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Bench(new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8))
                .run(List.of("--quick", "--sizes", "8:1::1;16:2:4,4:2")).status();
        assertEquals(0, status, err.toString(UTF_8));
        List<String> lines = out.toString(UTF_8).lines().toList();
        assertEquals(3, lines.size(), out.toString(UTF_8));
        JsonNode first = new ObjectMapper().readTree(lines.get(1));
        assertEquals(16, first.get("n").asInt());
        assertEquals(2, first.get("inputs").asInt());
        assertEquals(List.of(4, 4), List.of(first.get("hidden").get(0).asInt(), first.get("hidden").get(1).asInt()));
        for (String key : List.of("batchedMicros", "perExampleMicros", "meanErrorMicros")) {
            assertTrue(first.get(key).isNumber() && first.get(key).asDouble() >= 0, key);
        }
        JsonNode lab = new ObjectMapper().readTree(lines.get(2));
        assertTrue(lab.get("compareMicros").isNumber() && lab.get("trainingStepsPerSecond").isNumber());
    }

    @Test
    void badOptionsAreRefused() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Bench bench = new Bench(new PrintStream(new ByteArrayOutputStream(), true, UTF_8), new PrintStream(err, true, UTF_8));
        assertEquals(2, bench.run(List.of("--threads", "0")).status());
        assertEquals(2, bench.run(List.of("--sizes", "1:2")).status());
        assertTrue(err.toString(UTF_8).contains("--sizes"));
    }
}
