package gradlab.lab;

/** Why a file is not a lesson, and on which line (1-based; 0 when no line is to blame). */
public final class LessonFileException extends RuntimeException {
    private final int line;

    public LessonFileException(int line, String message) {
        super(message);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
