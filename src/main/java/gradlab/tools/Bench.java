package gradlab.tools;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.ejml.data.DMatrixRMaj;

import picocli.CommandLine.Option;

import gradlab.config.Flags;
import gradlab.engine.Activation;
import gradlab.engine.Batch;
import gradlab.engine.Batched;
import gradlab.engine.BatchedMeanError;
import gradlab.engine.GradientProcedure;
import gradlab.engine.Loss;
import gradlab.engine.Model;
import gradlab.engine.Parameters;
import gradlab.engine.PerExample;
import gradlab.engine.Trainer;
import gradlab.lab.Comparison;
import gradlab.lab.LabJson;
import gradlab.lab.LabSpec;
import gradlab.lab.Limits;
import gradlab.lab.TrainingRun;
import gradlab.lab.Uploads;

/**
 * {@code bench [--threads K] [--sizes N:I:H1,H2:O;…] [--quick]}: the median time of one
 * full-batch gradient (forward and backward, float64, tanh hidden layers, mse, seeded normal
 * data) for each size, batched and per-example, after JIT warm-up; then one comparison at the
 * default lab and training steps per second there. One JSON object per line.
 */
public final class Bench {
    /** DESIGN's five sizes: N, inputs, hidden widths, outputs. */
    static final String SIZES = "32:1::1;256:2:16,16:1;1024:2:64,64:1;4096:2:64,64:1;1024:16:64,64,64:3";
    static final String QUICK_SIZES = "8:1::1;16:2:4:1";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The rounds in which the timed calls of one size take turns. */
    static final int ROUNDS = 10;

    private final PrintStream out;
    private final PrintStream err;

    public Bench(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    record Size(int n, int inputs, int[] hidden, int outputs) {
        List<Integer> hiddenList() {
            return Arrays.stream(hidden).boxed().toList();
        }
    }

    /** bench's flags; values are checked after parsing, with their ranges. */
    static final class Options {
        @Option(names = "--threads", paramLabel = "K")
        String threads;
        @Option(names = "--sizes", paramLabel = "N:I:H:O;…")
        String sizes;
        @Option(names = "--quick")
        boolean quick;
    }

    public ExitCode run(List<String> args) {
        try {
            Options options = new Options();
            Flags.parse(options, args, "bench takes --threads K, --sizes N:I:H:O;… and --quick");
            int threads = options.threads == null ? 1 : threads(options.threads);
            String sizes = options.sizes == null ? SIZES : options.sizes;
            boolean quick = options.quick;
            List<Size> parsed = sizes(quick && sizes.equals(SIZES) ? QUICK_SIZES : sizes);
            int repeat = quick ? 1 : 0;
            ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
            try {
                if (!quick) {
                    // the JIT compiles what the first sizes run: warm every path once before timing any
                    for (Size s : parsed) {
                        size(s, threads, pool, 3);
                    }
                }
                for (Size s : parsed) {
                    out.println(JSON.writeValueAsString(size(s, threads, pool, repeat)));
                    out.flush();
                }
                out.println(JSON.writeValueAsString(lab(repeat)));
            } finally {
                if (pool != null) {
                    pool.shutdownNow();
                }
            }
            return ExitCode.OK;
        } catch (IllegalArgumentException e) {
            err.println("gradlab: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        } catch (Exception e) {
            err.println("gradlab: the benchmark failed: " + e);
            return ExitCode.FAILED;
        }
    }

    private ObjectNode size(Size s, int threads, ExecutorService pool, int repeat) throws Exception {
        Model model = Model.of(s.inputs(), s.hidden(), s.outputs(), Activation.TANH, Loss.MSE);
        Parameters theta = model.initial(new SplittableRandom(1));
        Batch batch = normal(s, new Random(2));
        ObjectNode o = JSON.createObjectNode();
        o.put("n", s.n());
        o.put("inputs", s.inputs());
        s.hiddenList().forEach(o.putArray("hidden")::add);
        o.put("outputs", s.outputs());
        o.put("threads", threads);
        // one object per procedure for all the calls, so that its work buffers are reused as in training
        Batched batched = new Batched();
        PerExample perExample = new PerExample();
        BatchedMeanError meanError = new BatchedMeanError();
        double[] micros = medians(List.of(
                () -> gradient(batched, model, theta, batch, threads, pool),
                () -> gradient(perExample, model, theta, batch, threads, pool),
                () -> meanError.gradient(model, theta, batch)), repeat);
        o.put("batchedMicros", micros[0]);
        o.put("perExampleMicros", micros[1]);
        o.put("meanErrorMicros", micros[2]);
        return o;
    }

    private ObjectNode lab(int repeat) {
        LabSpec spec = LabSpec.defaults();
        ObjectNode o = JSON.createObjectNode();
        o.put("lab", spec.toQuery());
        o.put("compareMicros", median(() -> LabJson.compare(Comparison.compute(spec, Limits.DEFAULT, Uploads.NONE)),
                repeat));
        LabSpec big = LabSpec.parse("data=spiral&n=10000&hidden=64,64", Limits.DEFAULT, Uploads.NONE);
        if (repeat == 0) {
            // each call is long: warm the JIT with a few whole calls before timing five
            for (int i = 0; i < 8; i++) {
                Comparison.compute(big, Limits.DEFAULT, Uploads.NONE);
            }
        }
        o.put("compareN10000Hidden64x64Micros", median(() -> Comparison.compute(big, Limits.DEFAULT, Uploads.NONE),
                repeat == 0 ? 5 : repeat));
        // a whole training run (its steps and its records), the median of many
        Supplier<Trainer.Summary> train = () -> TrainingRun.trainer(spec, Limits.DEFAULT, Uploads.NONE)
                .run(r -> { }, () -> false);
        int steps = train.get().steps();
        o.put("trainingStepsPerSecond", Math.round(steps / (median(train, repeat) / 1e6)));
        return o;
    }

    /** The gradient, the batch split over the threads when there are several. */
    private static Parameters gradient(GradientProcedure p, Model model, Parameters theta, Batch batch, int threads,
                                       ExecutorService pool) {
        if (threads <= 1) {
            return p.gradient(model, theta, batch);
        }
        List<Future<Parameters>> parts = new ArrayList<>();
        int n = batch.size();
        for (int t = 0; t < threads; t++) {
            int from = n * t / threads;
            int to = n * (t + 1) / threads;
            if (to > from) {
                Batch slice = batch.slice(from, to);
                parts.add(pool.submit(() -> {
                    Parameters g = p.gradient(model, theta, slice);
                    g.scale((double) slice.size() / n);
                    return g;
                }));
            }
        }
        Parameters sum = theta.zerosLike();
        try {
            for (Future<Parameters> f : parts) {
                sum.addScaled(1, f.get());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return sum;
    }

    /** The median time of one call in microseconds: {@link #medians} of one call. */
    static double median(Supplier<?> call, int repeat) {
        return medians(List.of(call), repeat)[0];
    }

    /**
     * The median time of each call in microseconds, after warm-up: by default as many calls as
     * fit in about 0.4 s of warm-up and 0.6 s of timing (at least 5 of each). The calls take turns
     * in {@link #ROUNDS} rounds, so that a slow stretch of a shared machine slows them alike and
     * their ratios hold. {@code repeat} > 0 times each call that many times, without warm-up.
     */
    static double[] medians(List<Supplier<?>> calls, int repeat) {
        int count = calls.size();
        int[] runs = new int[count];
        for (int c = 0; c < count; c++) {
            runs[c] = repeat > 0 ? repeat : warm(calls.get(c));
        }
        int rounds = repeat > 0 ? 1 : ROUNDS;
        double[][] times = new double[count][];
        int[] done = new int[count];
        for (int c = 0; c < count; c++) {
            times[c] = new double[runs[c]];
        }
        for (int r = 0; r < rounds; r++) {
            for (int c = 0; c < count; c++) {
                // this round's share of the call's runs
                int until = (int) ((long) runs[c] * (r + 1) / rounds);
                for (; done[c] < until; done[c]++) {
                    long s = System.nanoTime();
                    calls.get(c).get();
                    times[c][done[c]] = (System.nanoTime() - s) / 1000.0;
                }
            }
        }
        double[] medians = new double[count];
        for (int c = 0; c < count; c++) {
            double[] t = times[c];
            Arrays.sort(t);
            double m = t.length % 2 == 1 ? t[t.length / 2] : (t[t.length / 2 - 1] + t[t.length / 2]) / 2;
            medians[c] = Math.round(m * 10) / 10.0;
        }
        return medians;
    }

    /** Calls for about 0.4 s (at least 5 times); returns how many calls fit in about 0.6 s. */
    private static int warm(Supplier<?> call) {
        long start = System.nanoTime();
        int warm = 0;
        while (warm < 5 || System.nanoTime() - start < 400_000_000L) {
            call.get();
            warm++;
        }
        double each = (System.nanoTime() - start) / (double) warm;
        return (int) Math.max(5, Math.min(2000, 600_000_000L / each));
    }

    private static Batch normal(Size s, Random r) {
        DMatrixRMaj x = new DMatrixRMaj(s.n(), s.inputs());
        DMatrixRMaj y = new DMatrixRMaj(s.n(), s.outputs());
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = r.nextGaussian();
        }
        for (int i = 0; i < y.data.length; i++) {
            y.data[i] = r.nextGaussian();
        }
        return new Batch(x, y);
    }

    static List<Size> sizes(String text) {
        List<Size> out = new ArrayList<>();
        for (String part : text.split(";")) {
            String[] f = part.split(":", -1);
            if (f.length != 4) {
                throw new IllegalArgumentException("--sizes takes N:INPUTS:HIDDEN:OUTPUTS;… e.g. 1024:2:64,64:1; got \""
                        + part + "\"");
            }
            try {
                int[] hidden = f[2].isEmpty() ? new int[0] : Arrays.stream(f[2].split(",")).mapToInt(Integer::parseInt)
                        .toArray();
                Size s = new Size(Integer.parseInt(f[0]), Integer.parseInt(f[1]), hidden, Integer.parseInt(f[3]));
                if (s.n() < 1 || s.n() > 100_000 || s.inputs() < 1 || s.inputs() > 1024 || s.outputs() < 1
                        || s.outputs() > 1024 || hidden.length > 16 || Arrays.stream(hidden).anyMatch(h -> h < 1 || h > 4096)) {
                    throw new NumberFormatException("out of range");
                }
                out.add(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--sizes: \"" + part + "\" is not N (1..100000), inputs and outputs "
                        + "(1..1024) and up to 16 hidden widths (1..4096)");
            }
        }
        return out;
    }

    private static int threads(String text) {
        if (text.matches("[0-9]{1,3}") && Integer.parseInt(text) >= 1 && Integer.parseInt(text) <= 64) {
            return Integer.parseInt(text);
        }
        throw new IllegalArgumentException("--threads must be a whole number from 1 to 64; got \"" + text + "\"");
    }

}
