package gradlab.lab;

import gradlab.data.DataSet;
import gradlab.data.Generator;
import gradlab.engine.Batch;
import gradlab.engine.Loss;

/**
 * The data set a spec names: a built-in generator drawn from the spec's seed, or the first
 * n rows of an upload.
 */
public final class LabData {
    private LabData() {
    }

    /** The data set of a valid spec. */
    public static DataSet load(LabSpec spec, Uploads uploads) {
        return load(spec.data(), spec.n(), spec.noise(), spec.seed(), spec.loss(), uploads);
    }

    /** The data as one batch of all n examples. */
    public static Batch batch(DataSet set) {
        return new Batch(set.x(), set.y());
    }

    static DataSet load(DataSource data, int n, double noise, int seed, Loss loss, Uploads uploads) {
        if (data instanceof DataSource.BuiltIn b) {
            return generate(b.generator(), n, noise, seed, loss);
        }
        return uploads.find(data.id()).head(n);
    }

    /** A built-in data set, drawn from the seed's data stream. */
    static DataSet generate(Generator generator, int n, double noise, int seed, Loss loss) {
        // ce needs one column per class, so two classes become two one-hot columns
        return generator.generate(n, noise, Seeds.DATA.random(seed), loss == Loss.CE);
    }
}
