package gradlab.lab;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import gradlab.data.DataSet;
import gradlab.engine.Parameters;
import gradlab.engine.Procedure;
import gradlab.engine.Trainer;

/**
 * Where a trained copy stands at step k, for the comparison at a training step: θ_k is
 * replayed by the training's own steps ({@link Trainer#replay}), from the latest θ this
 * instance keeps for the same lab and copy. It keeps θ every {@link #EVERY} steps and at the
 * step reached last, so that the next step's comparison costs one step; the numbers are the
 * same whether a replay starts from θ0 or from a kept θ. At most {@code maxBytes} of θ are
 * kept: the labs used longest ago are forgotten first.
 */
public final class Checkpoints {
    /** θ is kept at every step that is a multiple of this. */
    public static final int EVERY = 100;
    /** What a server keeps by default: some hundred labs of a typical size, or a few of the largest. */
    public static final long DEFAULT_BYTES = 32L << 20;
    /** What one lab's entry costs besides its θs: the map, the key, the boxes. */
    static final long ENTRY_BYTES = 512;
    /** What one kept θ costs besides its numbers. */
    static final long THETA_BYTES = 128;

    private final long maxBytes;
    /** Each lab's kept θs, by key; in the order of use, the least recent first. */
    private final LinkedHashMap<String, Track> tracks = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    /** Keeps at most {@code maxBytes} of θ (0: nothing; each replay then starts at θ0). */
    public Checkpoints(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** One lab and copy: θ at some steps, and the step it diverged at if that is known. */
    private static final class Track {
        final TreeMap<Integer, Parameters> kept = new TreeMap<>();
        /** The step reached last, kept until the next one is (unless it is also a multiple of EVERY). */
        int last = -1;
        int divergedAt = -1;
    }

    /**
     * θ_k of the spec's {@code along} copy (k = {@code at}) and the minibatch of its next
     * update: at k = 0, θ0 and the first minibatch, with nothing replayed. {@code stop} is
     * asked between steps; once it says yes (the server stops), the replay ends with
     * {@link Runs.BusyException}.
     *
     * @throws ValidationException on {@code at} when the copy diverged at a step ≤ k
     */
    public Trainer.Position reach(LabSpec spec, DataSet data, Limits limits, BooleanSupplier stop) {
        int k = spec.at();
        if (k == 0) {
            return new Trainer.Position(0, Comparison.theta0(spec, Comparison.model(spec, data)),
                    Comparison.minibatches(spec).next(), -1);
        }
        Trainer trainer = TrainingRun.trainer(spec, data, limits);
        String key = key(spec);
        Map.Entry<Integer, Parameters> kept = start(key, k, spec.along());
        int from = kept == null ? 0 : kept.getKey();
        Parameters theta = kept == null ? trainer.setup().theta0() : kept.getValue();
        Trainer.Position p = trainer.replay(spec.along(), from, theta, k, here -> {
            if (here.step() % EVERY == 0 && here.step() > from) {
                keep(key, here.step(), here.theta(), false);
            }
        }, stop);
        if (p.diverged()) {
            diverged(key, p.divergedAt());
            throw refusal(spec.along(), p.divergedAt());
        }
        if (p.step() < k) {
            // stopped on the way: the server stops
            throw new Runs.BusyException();
        }
        keep(key, k, p.theta(), true);
        return p;
    }

    /** How many examples × scalars replaying the spec's {@code at} steps from the nearest kept θ costs. */
    public long work(LabSpec spec, long scalars) {
        if (spec.at() == 0) {
            return 0;
        }
        int from;
        synchronized (this) {
            Track t = tracks.get(key(spec));
            Integer below = t == null ? null : t.kept.floorKey(spec.at());
            from = below == null ? 0 : below;
        }
        return (long) (spec.at() - from) * spec.batch() * scalars;
    }

    /** The bytes of θ kept now, with their entries' costs. */
    public synchronized long bytes() {
        return bytes;
    }

    /** How many labs have θs kept. */
    public synchronized int labs() {
        return tracks.size();
    }

    /** The kept θ at the latest step ≤ k (null: none, start at θ0); refuses at once a k past a known divergence. */
    private synchronized Map.Entry<Integer, Parameters> start(String key, int k, Procedure along) {
        Track t = tracks.get(key);
        if (t != null && t.divergedAt >= 0 && t.divergedAt <= k) {
            throw refusal(along, t.divergedAt);
        }
        Map.Entry<Integer, Parameters> below = t == null ? null : t.kept.floorEntry(k);
        // a copy, so that a replay never changes what another may start from
        return below == null ? null : Map.entry(below.getKey(), below.getValue().copy());
    }

    private synchronized void keep(String key, int step, Parameters theta, boolean last) {
        if (maxBytes <= 0) {
            return;
        }
        Track t = tracks.computeIfAbsent(key, k -> {
            bytes += ENTRY_BYTES + 2L * k.length();
            return new Track();
        });
        if (last && t.last >= 0 && t.last != step && t.last % EVERY != 0) {
            Parameters gone = t.kept.remove(t.last);
            if (gone != null) {
                bytes -= thetaBytes(gone);
            }
        }
        if (!t.kept.containsKey(step)) {
            Parameters copy = theta.copy();
            t.kept.put(step, copy);
            bytes += thetaBytes(copy);
        }
        if (last) {
            t.last = step;
        }
        evict();
    }

    private synchronized void diverged(String key, int step) {
        if (maxBytes <= 0) {
            return;
        }
        Track t = tracks.computeIfAbsent(key, k -> {
            bytes += ENTRY_BYTES + 2L * k.length();
            return new Track();
        });
        t.divergedAt = t.divergedAt < 0 ? step : Math.min(t.divergedAt, step);
        evict();
    }

    /** Forgets the labs used longest ago until the rest fit. */
    private void evict() {
        var it = tracks.entrySet().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            Map.Entry<String, Track> e = it.next();
            bytes -= ENTRY_BYTES + 2L * e.getKey().length();
            for (Parameters theta : e.getValue().kept.values()) {
                bytes -= thetaBytes(theta);
            }
            it.remove();
        }
    }

    private static long thetaBytes(Parameters theta) {
        return 8L * theta.size() + THETA_BYTES;
    }

    /** What fixes the copy's θ at every step: the data, the network, the batches, the step size and the copy. */
    static String key(LabSpec spec) {
        Map<Param, String> v = spec.values();
        v.keySet().retainAll(java.util.EnumSet.of(Param.DATA, Param.N, Param.NOISE, Param.SEED, Param.HIDDEN,
                Param.ACT, Param.LOSS, Param.BATCH, Param.MICRO, Param.LR, Param.ALONG));
        return Query.write(v);
    }

    /** The refusal of a step at or past the one where the copy diverged; the step before it is the nearest accepted. */
    static ValidationException refusal(Procedure along, int divergedAt) {
        return new ValidationException(Param.AT, along.id() + " diverged at step " + divergedAt + "; at must be below "
                + divergedAt + " for this copy (or choose another copy with along)",
                Integer.toString(Math.max(0, divergedAt - 1)));
    }
}
