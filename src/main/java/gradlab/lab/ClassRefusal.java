package gradlab.lab;

/**
 * Something a class will not do, and why, in words for the person who asked. The kind says
 * what sort of refusal it is (the web answers each with its status); a bad value also names
 * its field.
 */
public final class ClassRefusal extends RuntimeException {
    /** Why a class refuses. */
    public enum Kind {
        /** A field's value is not allowed: the message names the field and what it may be. */
        BAD_VALUE,
        /** The server holds as many classes as it may. */
        SERVER_FULL,
        /** This client already holds as many live classes as one may. */
        TOO_MANY_CLASSES,
        /** The class has as many students as it may. */
        CLASS_FULL,
        /** The answers of the current lesson are revealed: predictions are closed. */
        REVEALED,
        /** The prediction was for a lesson the class has moved on from. */
        MOVED_ON,
        /** The class is over. */
        ENDED
    }

    private final Kind kind;
    private final String field;

    ClassRefusal(Kind kind, String message) {
        this(kind, null, message);
    }

    ClassRefusal(Kind kind, String field, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    /** The form's field the message is about, or null. */
    public String field() {
        return field;
    }
}
