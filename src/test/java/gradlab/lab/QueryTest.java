package gradlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class QueryTest {
    @Test
    void whatIsWrittenIsReadBackWhateverTheCharacters() {
        Map<Param, String> values = new LinkedHashMap<>();
        values.put(Param.DATA, "a b&c=d%e+f,g");
        values.put(Param.HIDDEN, "8,8");
        values.put(Param.NAIVE, "ünïcode ✓");
        values.put(Param.MICRO, "");
        String written = Query.write(values);
        assertEquals("data=a+b%26c%3Dd%25e%2Bf%2Cg&hidden=8%2C8&naive=%C3%BCn%C3%AFcode+%E2%9C%93&micro=", written);
        Query read = Query.parse(written);
        values.forEach((p, v) -> assertEquals(v, read.get(p), p.id()));
    }

    @Test
    void anAbsentParameterHasItsDefaultFromTheTable() {
        Query q = Query.parse("");
        for (Param p : Param.values()) {
            assertEquals(p.fallback(), q.get(p), p.id());
        }
        assertNull(q.get("px"));
    }

    @Test
    void withoutRemovesOnlyTheNamedParameters() {
        Query q = Query.parse("data=xor&px=3&hidden=4&py=1").without(java.util.List.of("px", "py"));
        assertEquals(java.util.Set.of("data", "hidden"), q.names());
        assertEquals("4", q.get(Param.HIDDEN));
        assertNull(q.get("px"));
    }

    @Test
    void aSpecWrittenByTheTableIsReadBackAsTheSameSpec() {
        LabSpec s = LabSpec.parse("data=xor&hidden=8,3&loss=bce&batch=16&micro=4,12&naive=mean-error&lr=1e-7&format=csv",
                Limits.DEFAULT, Uploads.NONE);
        assertEquals(Param.names(), s.values().keySet().stream().map(Param::id).toList());
        assertEquals(s, LabSpec.parse(s.toQuery(), Limits.DEFAULT, Uploads.NONE));
        assertTrue(s.toQuery().contains("hidden=8%2C3&"), s.toQuery());
        assertEquals(OutputFormat.NDJSON, s.withFormat(OutputFormat.NDJSON).format());
    }

    @Test
    void malformedEscapesAndRepeatedNamesAreRefusedOnTheirParameter() {
        assertEquals("n", assertThrows(ValidationException.class, () -> Query.parse("n=%zz").get(Param.N)).param());
        assertEquals("seed", assertThrows(ValidationException.class, () -> Query.parse("seed=1&seed=2")).param());
        assertEquals("query", assertThrows(ValidationException.class, () -> Query.parse("=3")).param());
    }

    @Test
    void theHelpAndTheFormHintsCarryTheServersCaps() {
        Limits small = Limits.DEFAULT.withMaxN(500).withMaxSteps(70).withMaxLayers(2).withMaxWidth(9);
        assertEquals("  n       examples, 1..500 (default 32)", Param.N.help(small));
        assertEquals("  steps   training steps, 1..70 (default 200)", Param.STEPS.help(small));
        assertEquals("how many examples, 1–500", Param.N.hint(small));
        assertEquals("widths, e.g. 8,8 (up to 2 layers of 1–9); empty for none", Param.HIDDEN.hint(small));
        assertTrue(Param.N.inForm() && !Param.FORMAT.inForm());
    }

    @Test
    void theNumberParametersBoundsAreTheOnesTheReaderHolds() {
        Limits small = Limits.DEFAULT.withMaxN(500).withMaxSteps(70);
        assertEquals(500, Param.N.bounds().orElseThrow().most(small));
        assertEquals(70, Param.STEPS.bounds().orElseThrow().most(small));
        assertEquals(Double.MIN_VALUE, Param.LR.bounds().orElseThrow().least());
        assertTrue(Param.DATA.bounds().isEmpty() && Param.HIDDEN.bounds().isEmpty());
        for (String bad : new String[] {"n=501", "n=0", "steps=71", "lr=0", "lr=1000.5", "noise=1.01", "seed=-1"}) {
            String param = bad.substring(0, bad.indexOf('='));
            assertEquals(param, assertThrows(ValidationException.class,
                    () -> LabSpec.parse(bad, small, Uploads.NONE)).param(), bad);
        }
        for (String good : new String[] {"n=500", "steps=70", "lr=4.9E-324", "lr=1000", "noise=1", "seed=0"}) {
            LabSpec.parse(good, small, Uploads.NONE);
        }
        // an instructor's caps below the defaults lower the defaults: the plain lab is never refused
        LabSpec capped = LabSpec.parse("", Limits.DEFAULT.withMaxN(10).withMaxSteps(70), Uploads.NONE);
        assertEquals(10, capped.n());
        assertEquals(70, capped.steps());
    }
}
