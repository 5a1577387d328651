package gradlab.lab;

import gradlab.data.DataSet;

/**
 * Where uploaded data sets ({@code data=u-…}) are found. The command line has none.
 */
public interface Uploads {
    /** The data set with this id, or a {@link ValidationException} on {@code data} saying why not. */
    DataSet find(String id);

    Uploads NONE = id -> {
        throw new ValidationException(Param.DATA,
                "data " + id + " is an uploaded data set, and only the server that received the upload has it; "
                        + "here data must be one of " + Param.BUILT_IN_DATA);
    };
}
