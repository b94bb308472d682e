package io.warden.daemon.console;

/**
 * The web console's bounds. Request lines, headers and bodies are bounded by the AdminServer's
 * own limits before the console sees a request.
 *
 * @param childrenPageMax         children listed per page; the rest are fetched page by page
 * @param searchResultsMax        paths one search returns at most
 * @param searchVisitsMax         znode names one search looks at at most (its work on the driver thread)
 * @param dataBytesShownMax       bytes of a znode's data shown; longer data is cut and says so
 * @param sessionsListedMax       sessions one answer lists
 * @param ephemeralsListedMax     ephemeral paths listed per session
 * @param watchesListedMax        paths (and sessions) the watch listings hold each
 * @param readsInFlightMax        console reads handed to the driver and not answered yet
 * @param editsInFlightMax        edits under way at once, each on its own connection and session
 * @param readTimeoutMs           how long a read waits for the driver
 * @param editTimeoutMs           how long an edit waits for its session, its reply and the session's close
 * @param editSessionTimeoutMs    the session timeout an edit's connection asks for
 */
public record ConsoleLimits(int childrenPageMax, int searchResultsMax, int searchVisitsMax, int dataBytesShownMax,
        int sessionsListedMax, int ephemeralsListedMax, int watchesListedMax, int readsInFlightMax,
        int editsInFlightMax, long readTimeoutMs, long editTimeoutMs, int editSessionTimeoutMs) {
    static final int CHILDREN_PAGE_MAX_DEFAULT = 200;
    static final int SEARCH_RESULTS_MAX_DEFAULT = 100;
    static final int SEARCH_VISITS_MAX_DEFAULT = 20_000;
    static final int DATA_BYTES_SHOWN_MAX_DEFAULT = 64 * 1024;
    static final int SESSIONS_LISTED_MAX_DEFAULT = 500;
    static final int EPHEMERALS_LISTED_MAX_DEFAULT = 100;
    static final int WATCHES_LISTED_MAX_DEFAULT = 500;
    static final int READS_IN_FLIGHT_MAX_DEFAULT = 8;
    static final int EDITS_IN_FLIGHT_MAX_DEFAULT = 4;
    static final long READ_TIMEOUT_MS_DEFAULT = 5_000;
    static final long EDIT_TIMEOUT_MS_DEFAULT = 10_000;
    static final int EDIT_SESSION_TIMEOUT_MS_DEFAULT = 10_000;

    public static final ConsoleLimits DEFAULTS = new ConsoleLimits(CHILDREN_PAGE_MAX_DEFAULT,
            SEARCH_RESULTS_MAX_DEFAULT, SEARCH_VISITS_MAX_DEFAULT, DATA_BYTES_SHOWN_MAX_DEFAULT,
            SESSIONS_LISTED_MAX_DEFAULT, EPHEMERALS_LISTED_MAX_DEFAULT, WATCHES_LISTED_MAX_DEFAULT,
            READS_IN_FLIGHT_MAX_DEFAULT, EDITS_IN_FLIGHT_MAX_DEFAULT, READ_TIMEOUT_MS_DEFAULT,
            EDIT_TIMEOUT_MS_DEFAULT, EDIT_SESSION_TIMEOUT_MS_DEFAULT);

    ConsoleLimits withChildrenPageMax(int max) {
        return new ConsoleLimits(max, searchResultsMax, searchVisitsMax, dataBytesShownMax, sessionsListedMax,
                ephemeralsListedMax, watchesListedMax, readsInFlightMax, editsInFlightMax, readTimeoutMs,
                editTimeoutMs, editSessionTimeoutMs);
    }

    ConsoleLimits withSearch(int resultsMax, int visitsMax) {
        return new ConsoleLimits(childrenPageMax, resultsMax, visitsMax, dataBytesShownMax, sessionsListedMax,
                ephemeralsListedMax, watchesListedMax, readsInFlightMax, editsInFlightMax, readTimeoutMs,
                editTimeoutMs, editSessionTimeoutMs);
    }

    ConsoleLimits withDataBytesShownMax(int max) {
        return new ConsoleLimits(childrenPageMax, searchResultsMax, searchVisitsMax, max, sessionsListedMax,
                ephemeralsListedMax, watchesListedMax, readsInFlightMax, editsInFlightMax, readTimeoutMs,
                editTimeoutMs, editSessionTimeoutMs);
    }
}
