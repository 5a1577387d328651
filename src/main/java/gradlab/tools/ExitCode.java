package gradlab.tools;

/** How a command of the jar ends: the process's exit status (DESIGN: a bad parameter exits with 2). */
public enum ExitCode {
    /** It did what was asked. */
    OK(0),
    /** It could not finish for a reason other than its arguments (a failed run, an unreachable server). */
    FAILED(1),
    /** An argument was bad: one line on stderr says which, nothing on stdout. */
    BAD_INPUT(2);

    private final int status;

    ExitCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
