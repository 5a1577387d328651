package gradlab.lab;

/**
 * A value the lab refuses: which parameter, and a message that says what is allowed.
 * The only exception that parsing a lab specification throws.
 */
public final class ValidationException extends RuntimeException {
    private final String param;

    public ValidationException(Param param, String message) {
        this(param.id(), message);
    }

    public ValidationException(String param, String message) {
        super(message, null, false, false);
        this.param = param;
    }

    /** The query parameter the message is about (as in the URL). */
    public String param() {
        return param;
    }
}
