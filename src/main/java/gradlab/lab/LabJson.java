package gradlab.lab;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.ejml.data.DMatrixRMaj;

import gradlab.engine.Metrics;
import gradlab.engine.NoiseScale;
import gradlab.engine.Parameters;
import gradlab.engine.Procedure;
import gradlab.engine.Trainer;

/**
 * The JSON of DESIGN's API, built in one place for the server and the command line. JSON
 * never holds NaN or Infinity: values that may be infinite or undefined by definition (the
 * metrics, a diverged copy's cost) become null here, explicitly; any other non-finite
 * number is a bug and throws.
 */
public final class LabJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private LabJson() {
    }

    /** The {@code /api/compare} object. */
    public static String compare(Comparison c) {
        ObjectNode root = NODES.objectNode();
        root.set("spec", spec(c.spec()));
        ArrayNode parameters = root.putArray("parameters");
        List<String> names = c.theta().names();
        List<DMatrixRMaj> matrices = c.theta().matrices();
        for (int i = 0; i < names.size(); i++) {
            ObjectNode p = parameters.addObject();
            p.put("name", names.get(i));
            p.put("rows", matrices.get(i).numRows);
            p.put("cols", matrices.get(i).numCols);
            p.set("values", matrix(matrices.get(i)));
        }
        ObjectNode batch = root.putObject("batch");
        batch.set("x", matrix(c.batch().x()));
        batch.set("y", matrix(c.batch().y()));
        root.put("cost", finite(c.cost(), "cost"));
        root.put("atKink", c.atKink());
        ObjectNode gradients = root.putObject("gradients");
        c.gradients().forEach((id, g) -> gradients.set(id.id(), gradient(g)));
        ObjectNode metrics = root.putObject("metrics");
        c.metrics().forEach((id, m) -> metrics.set(id.id(), metrics(m)));
        ExampleGradientFacts examples = c.examples();
        ArrayNode norms = root.putArray("exampleGradientNorms");
        for (double v : examples.norms()) {
            norms.add(finite(v, "an example's gradient norm"));
        }
        if (c.spec().examples() == Examples.GRADIENTS) {
            ArrayNode each = root.putArray("exampleGradients");
            examples.gradients().forEach(g -> each.add(gradient(g)));
        }
        if (!examples.weights().isEmpty()) {
            ObjectNode weights = root.putObject("exampleWeights");
            examples.weights().forEach((id, w) -> {
                ArrayNode list = weights.putArray(id.id());
                for (double v : w) {
                    list.add(v);
                }
            });
        }
        root.set("noise", noise(examples.noise()));
        return write(root);
    }

    /** The spec, every parameter normalised, in the table's order (numbers as numbers, lists as arrays). */
    public static ObjectNode spec(LabSpec s) {
        ObjectNode o = NODES.objectNode();
        for (Param p : Param.values()) {
            String name = p.id();
            switch (p) {
                case DATA -> o.put(name, s.data().id());
                case N -> o.put(name, s.n());
                case NOISE -> o.put(name, s.noise());
                case SEED -> o.put(name, s.seed());
                case HIDDEN -> s.hidden().forEach(o.putArray(name)::add);
                case ACT -> o.put(name, s.act().id());
                case LOSS -> o.put(name, s.loss().id());
                case BATCH -> o.put(name, s.batch());
                case MICRO -> s.micro().forEach(o.putArray(name)::add);
                case NAIVE -> s.naive().stream().map(Procedure::id).forEach(o.putArray(name)::add);
                case LR -> o.put(name, s.lr());
                case STEPS -> o.put(name, s.steps());
                case FORMAT -> o.put(name, s.format().id());
                case AT -> o.put(name, s.at());
                case ALONG -> o.put(name, s.along().id());
                case EXAMPLES -> o.put(name, s.examples().id());
                case PLANE -> o.put(name, s.plane().id());
                case PX -> putIndex(o, name, s.px());
                case PY -> putIndex(o, name, s.py());
            }
        }
        return o;
    }

    /** One NDJSON line of a training run (without the newline). */
    public static String record(Trainer.Record r) {
        ObjectNode root = NODES.objectNode();
        root.put("step", r.step());
        ObjectNode procedures = root.putObject("procedures");
        r.copies().forEach((id, s) -> {
            ObjectNode o = procedures.putObject(id.id());
            if (s.diverged()) {
                o.put("diverged", true);
                return;
            }
            o.put("cost", finite(s.cost(), id + " cost"));
            if (id.isNaive()) {
                putNullable(o, "cosine", s.cosine());
                putNullable(o, "relativeError", s.relativeError());
            }
            if (id == Procedure.REFERENCE) {
                putNullable(o, "bSimple", s.bSimple());
            }
            o.put("diverged", false);
        });
        return write(root);
    }

    /** The summary line of a training run. */
    public static String summary(Trainer.Summary s) {
        ObjectNode root = NODES.objectNode();
        ObjectNode summary = root.putObject("summary");
        summary.put("steps", s.steps());
        summary.put("end", s.end().id());
        ObjectNode procedures = summary.putObject("procedures");
        s.copies().forEach((id, c) -> {
            ObjectNode o = procedures.putObject(id.id());
            putNullable(o, "finalCost", c.finalCost());
            if (c.diverged()) {
                o.put("divergedAtStep", c.divergedAtStep());
            } else {
                o.putNull("divergedAtStep");
            }
        });
        return write(root);
    }

    /** A "queued" line: the run waits behind k others. */
    public static String queued(int ahead) {
        ObjectNode root = NODES.objectNode();
        root.put("queued", ahead);
        return write(root);
    }

    /** A validation error: {"error": …, "param": …}. */
    public static String error(ValidationException e) {
        ObjectNode root = NODES.objectNode();
        root.put("error", e.getMessage());
        root.put("param", e.param());
        return write(root);
    }

    private static ObjectNode noise(NoiseScale n) {
        ObjectNode o = NODES.objectNode();
        putNullable(o, "gradientNormSquared", n.gradientNormSquared());
        putNullable(o, "traceCovariance", n.traceCovariance());
        putNullable(o, "bSimple", n.bSimple());
        putNullable(o, "minibatchNoiseRatio", n.minibatchNoiseRatio());
        o.put("batch", n.batch());
        return o;
    }

    private static ObjectNode metrics(Metrics m) {
        ObjectNode o = NODES.objectNode();
        putNullable(o, "cosine", m.cosine());
        putNullable(o, "angleDegrees", m.angleDegrees());
        putNullable(o, "relativeError", m.relativeError());
        putNullable(o, "normRatio", m.normRatio());
        o.put("sameSign", finite(m.sameSign(), "sameSign"));
        ArrayNode perLayer = o.putArray("perLayerRelativeError");
        for (double v : m.perLayerRelativeError()) {
            if (Double.isFinite(v)) {
                perLayer.add(v);
            } else {
                perLayer.addNull();
            }
        }
        return o;
    }

    private static ArrayNode gradient(Parameters g) {
        ArrayNode list = NODES.arrayNode();
        List<String> names = g.names();
        List<DMatrixRMaj> matrices = g.matrices();
        for (int i = 0; i < names.size(); i++) {
            ObjectNode o = list.addObject();
            o.put("name", names.get(i));
            o.set("values", matrix(matrices.get(i)));
        }
        return list;
    }

    private static ArrayNode matrix(DMatrixRMaj m) {
        ArrayNode rows = NODES.arrayNode();
        for (int r = 0; r < m.numRows; r++) {
            ArrayNode row = rows.addArray();
            for (int c = 0; c < m.numCols; c++) {
                row.add(finite(m.get(r, c), "matrix entry"));
            }
        }
        return rows;
    }

    private static void putIndex(ObjectNode o, String name, Integer index) {
        if (index == null) {
            o.putNull(name);
        } else {
            o.put(name, index);
        }
    }

    private static void putNullable(ObjectNode o, String name, double v) {
        if (Double.isFinite(v)) {
            o.put(name, v);
        } else {
            o.putNull(name);
        }
    }

    private static double finite(double v, String what) {
        if (!Double.isFinite(v)) {
            throw new IllegalStateException(what + " is " + v + ": JSON holds only finite numbers");
        }
        return v;
    }

    private static String write(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
