package gradlab.lab;

/**
 * What happens in a class, as its room tells those who listen (the class's streams). Each is
 * told after the room has changed, outside its lock, in the order the changes were made.
 */
public sealed interface ClassEvent {
    /** A student joined: the count of students changed. */
    record Joined(int students) implements ClassEvent {
    }

    /** A student's prediction was recorded or replaced. */
    record Predicted(String question) implements ClassEvent {
    }

    /** The instructor revealed the current lesson's true values. */
    record Revealed(int lesson) implements ClassEvent {
    }

    /** The instructor moved the class on to the lesson at this place (0-based). */
    record Moved(int lesson) implements ClassEvent {
    }

    /** "Next" past the last lesson: the class is over; it and its predictions stay until it expires. */
    record Ended() implements ClassEvent {
    }

    /** Idle too long: the class is gone from memory. */
    record Expired() implements ClassEvent {
    }
}
