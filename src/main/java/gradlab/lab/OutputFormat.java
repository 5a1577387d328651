package gradlab.lab;

/** How a training run (or a comparison) is written: NDJSON records, or CSV rows. */
public enum OutputFormat {
    NDJSON("ndjson"), CSV("csv");

    private final String id;

    OutputFormat(String id) {
        this.id = id;
    }

    /** The value of {@code format} in URLs and JSON. */
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
