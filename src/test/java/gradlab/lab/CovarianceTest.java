package gradlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** F1 in the picture: the printed covariance is exactly what mean-error misses at that weight. */
class CovarianceTest {
    @ParameterizedTest
    @ValueSource(strings = {"data=line", "data=sine&n=64&loss=huber", "data=xor&hidden=8&loss=bce",
            "data=blobs3&hidden=4,4&loss=ce&naive=mean-input", "data=spiral&hidden=16&act=relu"})
    void theDifferenceAtTheWeightIsTheCovariance(String query) {
        LabSpec spec = LabSpec.parse(query, Limits.DEFAULT, Uploads.NONE);
        Comparison c = Comparison.compute(spec, Limits.DEFAULT, Uploads.NONE);
        Covariance v = Covariance.of(c);
        assertEquals(c.batch().size(), v.a().length);
        assertTrue(Math.abs(v.covariance()) > 1e-6, "a covariance worth drawing: " + v.covariance());
        assertEquals(v.covariance(), v.difference(), 1e-12 * Math.abs(v.covariance()) + 1e-15, v.weight());
        // the mean of the products is the product of the means plus the covariance
        double meanProduct = 0;
        for (int i = 0; i < v.a().length; i++) {
            meanProduct += v.a()[i] * v.delta()[i] / v.a().length;
        }
        assertEquals(meanProduct, v.meanA() * v.meanDelta() + v.covariance(), 1e-12 * Math.max(1, Math.abs(meanProduct)));
    }
}
