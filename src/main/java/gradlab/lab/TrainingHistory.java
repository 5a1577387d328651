package gradlab.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import gradlab.engine.Procedure;
import gradlab.engine.Trainer;

/**
 * The recorded steps of a run so far, per copy: what the charts draw. Not thread-safe: one
 * run's thread fills and reads it.
 */
public final class TrainingHistory {
    private final List<Integer> steps = new ArrayList<>();
    private final Map<Procedure, List<Double>> costs = new LinkedHashMap<>();
    private final Map<Procedure, List<Double>> cosines = new LinkedHashMap<>();
    private final Map<Procedure, List<Double>> relativeErrors = new LinkedHashMap<>();
    private final Map<Procedure, Integer> divergedAt = new LinkedHashMap<>();
    /** The correct copy's B_simple at each recorded step (NaN where the run does not compute it). */
    private final List<Double> bSimple = new ArrayList<>();

    public void add(Trainer.Record r) {
        steps.add(r.step());
        Trainer.CopyState correct = r.copies().get(Procedure.REFERENCE);
        bSimple.add(correct == null || correct.diverged() ? Double.NaN : correct.bSimple());
        r.copies().forEach((id, s) -> {
            costs.computeIfAbsent(id, k -> new ArrayList<>()).add(s.diverged() ? Double.NaN : s.cost());
            cosines.computeIfAbsent(id, k -> new ArrayList<>()).add(s.diverged() ? Double.NaN : s.cosine());
            relativeErrors.computeIfAbsent(id, k -> new ArrayList<>()).add(s.diverged() ? Double.NaN : s.relativeError());
            if (s.diverged()) {
                divergedAt.putIfAbsent(id, r.step());
            }
        });
    }

    public List<Procedure> copies() {
        return List.copyOf(costs.keySet());
    }

    public double[] steps() {
        return steps.stream().mapToDouble(Integer::doubleValue).toArray();
    }

    public double[] costs(Procedure id) {
        return costs.get(id).stream().mapToDouble(Double::doubleValue).toArray();
    }

    public double[] cosines(Procedure id) {
        return cosines.get(id).stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A naive copy's relative error ‖g − c‖/‖c‖ at each recorded step (NaN for the correct copy, and once diverged). */
    public double[] relativeErrors(Procedure id) {
        return relativeErrors.get(id).stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The correct copy's noise scale B_simple at each recorded step (NaN where it is not computed or undefined). */
    public double[] bSimple() {
        return bSimple.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Whether some recorded step has a finite, positive B_simple to draw. */
    public boolean hasNoiseScale() {
        return bSimple.stream().anyMatch(v -> Double.isFinite(v) && v > 0);
    }

    /** The first recorded step where the copy was marked diverged, or −1. */
    public int divergedAt(Procedure id) {
        return divergedAt.getOrDefault(id, -1);
    }

    /** Whether every recorded finite cost is above zero (a log scale makes sense). */
    public boolean allCostsPositive() {
        for (List<Double> list : costs.values()) {
            for (double c : list) {
                if (Double.isFinite(c) && c <= 0) {
                    return false;
                }
            }
        }
        return true;
    }
}
