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

    static DataSet load(String data, int n, double noise, int seed, Loss loss, Uploads uploads) {
        return Generator.byId(data) != null ? generate(data, n, noise, seed, loss) : uploads.find(data).head(n);
    }

    /** A built-in data set, drawn from the seed's data stream. */
    static DataSet generate(String data, int n, double noise, int seed, Loss loss) {
        // ce needs one column per class, so two classes become two one-hot columns
        return Generator.byId(data).generate(n, noise, Seeds.DATA.random(seed), loss == Loss.CE);
    }
}
