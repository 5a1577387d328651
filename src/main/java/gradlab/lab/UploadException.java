package gradlab.lab;

/**
 * An uploaded file the store refuses, with a sentence for the student that says what is wrong
 * and, when the problem sits in one place of the table, where: line (1-based, the header is
 * line 1) and column (1-based). Both are 0 when the problem is not about one place.
 */
public final class UploadException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    public UploadException(int line, int column, String message) {
        super(message, null, false, false);
        this.line = line;
        this.column = column;
    }

    public UploadException(String message) {
        this(0, 0, message);
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
