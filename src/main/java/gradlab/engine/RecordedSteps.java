package gradlab.engine;

/**
 * The steps a training run reports: round(j·steps/(R−1)) for j = 0..R−1 with
 * R = min(steps + 1, 500), so always step 0 and the last (halves round up).
 */
public final class RecordedSteps {
    static final int MAX_RECORDS = 500;

    private final boolean[] recorded;

    public RecordedSteps(int steps) {
        int r = Math.min(steps + 1, MAX_RECORDS);
        recorded = new boolean[steps + 1];
        for (long j = 0; j < r; j++) {
            // round(j·steps/(r−1)) in exact integer arithmetic
            recorded[(int) ((2 * j * steps + (r - 1)) / (2L * (r - 1)))] = true;
        }
    }

    public boolean contains(int step) {
        return step >= 0 && step < recorded.length && recorded[step];
    }

    /** How many steps are reported. */
    public int count() {
        int c = 0;
        for (boolean b : recorded) {
            c += b ? 1 : 0;
        }
        return c;
    }
}
