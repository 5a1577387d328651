package gradlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import gradlab.data.DataSet;

/**
 * The θs a server keeps for comparisons at a training step: they change no number, they make
 * the next step cost one step, and they stay within their bound, the labs used longest ago
 * forgotten first.
 */
class CheckpointsTest {

    private static final String LAB = "data=sine&n=24&seed=3&hidden=5&act=tanh&loss=mse&lr=0.1&batch=6&micro=2,4";

    private static LabSpec spec(String query) {
        return LabSpec.parse(query, Limits.DEFAULT, Uploads.NONE);
    }

    private static String json(String query, Checkpoints kept) {
        LabSpec s = spec(query);
        DataSet data = LabData.load(s, Uploads.NONE);
        return LabJson.compare(Comparison.compute(s, Limits.DEFAULT, data, kept));
    }

    /** The work of one step of the lab: its batch × the scalars of its θ. */
    private static long step(String query) {
        LabSpec s = spec(query);
        return (long) s.batch() * Comparison.model(s, LabData.load(s, Uploads.NONE)).scalars();
    }

    @Test
    void keptAndUnkeptAnswersAreTheSameBytes() {
        Checkpoints kept = new Checkpoints(Checkpoints.DEFAULT_BYTES);
        for (String along : new String[] {"per-example", "mean-error", "mean-of-means"}) {
            // forward, back across a checkpoint, forward again by one, far ahead
            for (int k : new int[] {250, 251, 120, 99, 100, 101, 252, 431}) {
                String q = LAB + "&along=" + along + "&at=" + k;
                assertEquals(json(q, new Checkpoints(0)), json(q, kept), q);
            }
        }
        assertTrue(kept.labs() == 3, "one lab per copy: " + kept.labs());
    }

    @Test
    void theNextStepCostsOneStepAndAnEarlierOneStartsFromTheCheckpointBelowIt() {
        Checkpoints kept = new Checkpoints(Checkpoints.DEFAULT_BYTES);
        String q = LAB + "&along=mean-error";
        long one = step(q);
        assertEquals(250 * one, kept.work(spec(q + "&at=250"), one / 6), "nothing kept yet: from θ0");
        json(q + "&at=250", kept);
        assertEquals(one, kept.work(spec(q + "&at=251"), one / 6), "from θ_250");
        assertEquals(20 * one, kept.work(spec(q + "&at=220"), one / 6), "from θ_200");
        assertEquals(49 * one, kept.work(spec(q + "&at=149"), one / 6), "from θ_100");
        assertEquals(0, kept.work(spec(q + "&at=0"), one / 6), "θ0 needs no replay");
        json(q + "&at=251", kept);
        // the last step reached moves on; the one before it is not kept
        assertEquals(one, kept.work(spec(q + "&at=252"), one / 6));
        assertEquals(50 * one, kept.work(spec(q + "&at=250"), one / 6), "θ_250 gave way to θ_251: from θ_200");
        // another lab (another copy, another step size) has its own θs
        assertEquals(251 * one, kept.work(spec(LAB + "&along=per-example&at=251"), one / 6));
        assertEquals(251 * one, kept.work(spec(q.replace("lr=0.1", "lr=0.2") + "&at=251"), one / 6));
        // the page's own settings and the training length change no θ: the same θs serve them
        assertEquals(one, kept.work(spec(q + "&steps=17&plane=params&naive=mean-error&at=252"), one / 6));
    }

    @Test
    void theKeptThetasStayWithinTheirBoundAndTheLeastRecentlyUsedLabsGoFirst() {
        String q = "data=line&n=8&hidden=3&lr=0.05&at=350";
        // θ has 3·2 + 4 = 10 scalars: one lab keeps θ_100..θ_300 and θ_350
        long perLab = Checkpoints.ENTRY_BYTES + 4 * (8 * 10 + Checkpoints.THETA_BYTES) + 2L * 100;
        Checkpoints kept = new Checkpoints(3 * perLab);
        for (int seed = 1; seed <= 12; seed++) {
            json(q + "&seed=" + seed, kept);
            assertTrue(kept.bytes() <= 3 * perLab, "within the bound: " + kept.bytes());
            assertTrue(kept.labs() <= 3, "at most three labs fit: " + kept.labs());
        }
        assertTrue(kept.labs() >= 2, "the bound holds labs, it does not forget all: " + kept.labs());
        long one = step(q);
        assertEquals(0, kept.work(spec(q + "&seed=12"), one / 8), "the latest lab is kept, at its step");
        assertEquals(350 * one, kept.work(spec(q + "&seed=1"), one / 8), "the first lab is forgotten");
        // using a lab makes it the most recent: it outlives one that came after it
        json(q + "&seed=11", kept);
        json(q + "&seed=20", kept);
        json(q + "&seed=21", kept);
        assertEquals(0, kept.work(spec(q + "&seed=11"), one / 8));
        assertEquals(350 * one, kept.work(spec(q + "&seed=12"), one / 8));
    }

    @Test
    void aBoundOfZeroKeepsNothing() {
        Checkpoints none = new Checkpoints(0);
        String q = LAB + "&at=150";
        json(q, none);
        assertEquals(0, none.labs());
        assertEquals(0, none.bytes());
        assertEquals(150 * step(q), none.work(spec(q), step(q) / 6));
    }
}
