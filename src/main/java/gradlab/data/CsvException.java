package gradlab.data;

/**
 * A student's table that cannot be read, with where: line (1-based, the header is line 1)
 * and column (1-based, 0 when the problem is a whole line or the whole file).
 */
public final class CsvException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    /** @param message the full sentence shown to the student, naming the line and column */
    public CsvException(int line, int column, String message) {
        super(message);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
