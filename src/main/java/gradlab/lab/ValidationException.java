package gradlab.lab;

import java.util.Optional;

/**
 * A value the lab refuses: which parameter, and a message that says what is allowed.
 * The only exception that parsing a lab specification throws. Where the refusal knows the
 * nearest value of that parameter that is accepted (the step before a copy diverged), it
 * carries it, so that a page can show the lab there instead.
 */
public final class ValidationException extends RuntimeException {
    private final String param;
    private final String nearestGood;

    public ValidationException(Param param, String message) {
        this(param.id(), message);
    }

    public ValidationException(String param, String message) {
        this(param, message, null);
    }

    /** A refusal that knows the nearest accepted value of its parameter, as the URL writes it. */
    public ValidationException(Param param, String message, String nearestGood) {
        this(param.id(), message, nearestGood);
    }

    private ValidationException(String param, String message, String nearestGood) {
        super(message, null, false, false);
        this.param = param;
        this.nearestGood = nearestGood;
    }

    /** The query parameter the message is about (as in the URL). */
    public String param() {
        return param;
    }

    /** The nearest value of the parameter that is accepted, when the refusal knows it. */
    public Optional<String> nearestGood() {
        return Optional.ofNullable(nearestGood);
    }
}
