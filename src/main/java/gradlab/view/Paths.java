package gradlab.view;

/** Every address the pages link to and the server answers, in one place. */
public final class Paths {
    public static final String HOME = "/";
    public static final String LESSON = "/lesson/{id}";
    /** A lesson's answer to its questions: the guesses beside the true values, then the rest of the lesson. */
    public static final String LESSON_AFTER = "/lesson/{id}/after";
    public static final String LAB = "/lab";
    public static final String UPLOAD = "/upload";
    public static final String LAB_RUN = "/lab/run";
    public static final String LAB_LANDSCAPE = "/lab/landscape";
    public static final String LAB_TRAIN = "/lab/train";
    /** One of the comparison's charts alone, as an SVG file. */
    public static final String LAB_CHART = "/lab/chart/{name}";
    public static final String API_COMPARE = "/api/compare";
    public static final String API_TRAIN = "/api/train";
    public static final String HEALTH = "/health";
    /** The procedures' colours, written from their type (see ProcedureStyles). */
    public static final String PROCEDURE_STYLES = "/procedures.css";

    private Paths() {
    }

    /** The address of a lesson. */
    public static String lesson(String id) {
        return "/lesson/" + id;
    }

    /** Where a lesson's questions are sent, without the guesses' query. */
    public static String lessonAfter(String id) {
        return lesson(id) + "/after";
    }

    /** The address of one of the comparison's charts, without its query. */
    public static String chart(ComparisonChart chart) {
        return LAB_CHART.replace("{name}", chart.id());
    }

    /** path?query, or just path for an empty query. */
    public static String withQuery(String path, String query) {
        return query == null || query.isEmpty() ? path : path + "?" + query;
    }
}
