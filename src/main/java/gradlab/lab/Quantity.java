package gradlab.lab;

import java.util.Arrays;
import java.util.stream.Collectors;

import gradlab.engine.Metrics;
import gradlab.engine.Procedure;
import gradlab.engine.Trainer;

/**
 * A number of a lesson's preset that its text may quote by name (DESIGN, "Predict, then see"):
 * {@code <procedure>.<metric>} of the comparison at θ0, {@code cost} (J(θ0) on the comparison's
 * batch), {@code train.<procedure>.finalCost} of the preset's training run, the noise scale at θ0,
 * {@code noise.bSimple} and {@code noise.minibatchNoiseRatio}, or
 * {@code train.<copy>.<procedure>.<metric>}: the metric of the comparison at the end of that
 * copy's run (at its θ after {@code steps} steps, as {@code at=steps&along=<copy>} shows it).
 *
 * @param metric    what is measured
 * @param procedure the procedure measured, or the trained copy; null for {@code cost}
 * @param layer     1..6 for {@link Metric#LAYER}, else 0
 * @param copy      the trained copy at whose last step a comparison's metric is measured; null: at θ0
 */
public record Quantity(Metric metric, Procedure procedure, int layer, Procedure copy) {
    /** The names go up to layer6, as DESIGN's list of metrics does. */
    static final int MAX_LAYER = 6;

    /** What a quantity measures. The comparison's metrics are named as in the JSON API. */
    public enum Metric {
        COSINE("cosine"), ANGLE_DEGREES("angleDegrees"), RELATIVE_ERROR("relativeError"), NORM_RATIO("normRatio"),
        SAME_SIGN("sameSign"), LAYER("layer"), COST("cost"), FINAL_COST("finalCost"), B_SIMPLE("bSimple"),
        MINIBATCH_NOISE_RATIO("minibatchNoiseRatio");

        private final String id;

        Metric(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        /** Whether it is measured on the comparison at θ0 of one procedure against per-example. */
        public boolean ofComparison() {
            return this != COST && this != FINAL_COST && !ofNoise();
        }

        /** Whether it is the noise scale's, over all the data at θ0. */
        public boolean ofNoise() {
            return this == B_SIMPLE || this == MINIBATCH_NOISE_RATIO;
        }
    }

    /** The prefix of the noise scale's quantities. */
    private static final String NOISE = "noise";

    /** The noise scale's quantity of that name, if it is one. */
    private static java.util.Optional<Metric> noise(String metric) {
        return Arrays.stream(Metric.values()).filter(m -> m.ofNoise() && m.id().equals(metric)).findFirst();
    }

    private static final String COMPARED = "cosine, angleDegrees, relativeError, normRatio, sameSign, layer1.."
            + "layer" + MAX_LAYER;

    /** Reads a name; the message says what the names are. */
    public static Quantity parse(String name) {
        if (name.equals(Metric.COST.id())) {
            return new Quantity(Metric.COST, null, 0, null);
        }
        String[] parts = name.split("\\.", -1);
        if (parts.length == 2 && parts[0].equals(NOISE)) {
            return new Quantity(noise(parts[1]).orElseThrow(() -> unknown(name)), null, 0, null);
        }
        if (parts.length == 3 && parts[0].equals("train")) {
            if (!parts[2].equals(Metric.FINAL_COST.id())) {
                throw unknown(name);
            }
            return new Quantity(Metric.FINAL_COST, procedure(parts[1], name), 0, null);
        }
        if (parts.length == 4 && parts[0].equals("train")) {
            Procedure copy = procedure(parts[1], name);
            Quantity measured = parse(parts[2] + "." + parts[3]);
            if (!measured.metric().ofComparison()) {
                throw unknown(name);
            }
            return new Quantity(measured.metric(), measured.procedure(), measured.layer(), copy);
        }
        if (parts.length != 2) {
            throw unknown(name);
        }
        Procedure procedure = procedure(parts[0], name);
        String metric = parts[1];
        if (metric.matches("layer[1-9][0-9]*")) {
            int layer = Integer.parseInt(metric.substring("layer".length()));
            if (layer > MAX_LAYER) {
                throw unknown(name);
            }
            return new Quantity(Metric.LAYER, procedure, layer, null);
        }
        Metric m = Arrays.stream(Metric.values()).filter(x -> x.ofComparison() && x != Metric.LAYER
                && x.id().equals(metric)).findFirst().orElseThrow(() -> unknown(name));
        return new Quantity(m, procedure, 0, null);
    }

    private static Procedure procedure(String id, String name) {
        return Procedure.parse(id).orElseThrow(() -> new IllegalArgumentException("\"" + LabSpec.shown(name)
                + "\" names the procedure \"" + LabSpec.shown(id) + "\", which does not exist; the procedures are "
                + Arrays.stream(Procedure.values()).map(Procedure::id).collect(Collectors.joining(", "))));
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("unknown quantity \"" + LabSpec.shown(name) + "\"; the names are cost, "
                + "train.<procedure>.finalCost, noise.bSimple, noise.minibatchNoiseRatio, <procedure>.<metric> "
                + "with a metric of " + COMPARED + ", and train.<copy>.<procedure>.<metric>, the same at the end "
                + "of that copy's run");
    }

    /** The name as a lesson writes it. */
    public String name() {
        if (copy != null) {
            return "train." + copy.id() + "." + new Quantity(metric, procedure, layer, null).name();
        }
        return switch (metric) {
            case COST -> metric.id();
            case B_SIMPLE, MINIBATCH_NOISE_RATIO -> NOISE + "." + metric.id();
            case FINAL_COST -> "train." + procedure.id() + "." + metric.id();
            case LAYER -> procedure.id() + ".layer" + layer;
            default -> procedure.id() + "." + metric.id();
        };
    }

    /** Whether its value needs the preset's training run. */
    public boolean needsTraining() {
        return metric == Metric.FINAL_COST;
    }

    /**
     * Its value for a preset's comparison and, for a final cost, its training run; for a
     * quantity of a copy's last step, {@code comparison} is the one there.
     *
     * @throws IllegalArgumentException when the preset does not have it: a procedure it does not
     *         compare or a copy it does not train, a layer its network lacks, or a value that is
     *         undefined or infinite (null in the JSON)
     */
    public double value(Comparison comparison, Trainer.Summary training) {
        double v = switch (metric) {
            case COST -> comparison.cost();
            case FINAL_COST -> finalCost(training);
            case B_SIMPLE -> comparison.examples().noise().bSimple();
            case MINIBATCH_NOISE_RATIO -> comparison.examples().noise().minibatchNoiseRatio();
            default -> measured(comparison);
        };
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name() + " has no value for this preset (it is "
                    + (Double.isNaN(v) ? "undefined" : "infinite") + ")");
        }
        return v;
    }

    private double finalCost(Trainer.Summary training) {
        Trainer.CopySummary copy = training.copies().get(procedure);
        if (copy == null) {
            throw new IllegalArgumentException(name() + ": the preset does not train a " + procedure.id()
                    + " copy; it trains " + ids(training.copies().keySet()));
        }
        return copy.finalCost();
    }

    private double measured(Comparison comparison) {
        Metrics m = comparison.metrics().get(procedure);
        if (m == null) {
            throw new IllegalArgumentException(name() + ": the preset's comparison measures no " + procedure.id()
                    + "; it measures " + ids(comparison.metrics().keySet()) + " against " + Procedure.REFERENCE.id());
        }
        int layers = m.perLayerRelativeError().length;
        if (metric == Metric.LAYER && layer > layers) {
            throw new IllegalArgumentException(name() + ": the preset's network has " + layers
                    + (layers == 1 ? " layer" : " layers"));
        }
        return switch (metric) {
            case COSINE -> m.cosine();
            case ANGLE_DEGREES -> m.angleDegrees();
            case RELATIVE_ERROR -> m.relativeError();
            case NORM_RATIO -> m.normRatio();
            case SAME_SIGN -> m.sameSign();
            case LAYER -> m.perLayerRelativeError()[layer - 1];
            case COST, FINAL_COST, B_SIMPLE, MINIBATCH_NOISE_RATIO ->
                    throw new IllegalStateException(metric + " is not a metric of the comparison");
        };
    }

    private static String ids(java.util.Collection<Procedure> procedures) {
        return procedures.stream().map(Procedure::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return name();
    }
}
