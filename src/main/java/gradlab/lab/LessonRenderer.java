package gradlab.lab;

/**
 * Turns a lesson's text into the HTML its page shows. The lessons render each text once, when
 * they are read, and the caller says how (the view knows Markdown; the lab does not), so that a
 * text that cannot be rendered is that file's problem at start-up, never a request's.
 */
@FunctionalInterface
public interface LessonRenderer {
    /**
     * @param body      the lesson's Markdown
     * @param firstLine the file's line on which {@code body} starts, for messages
     * @param figures   the values of its placeholders
     * @param preset    the lesson's lab parameters as a query string: a link to the lab opens them
     * @throws LessonFileException with the file's line, for a text it will not render
     */
    String html(String body, int firstLine, LessonFigures figures, String preset);
}
