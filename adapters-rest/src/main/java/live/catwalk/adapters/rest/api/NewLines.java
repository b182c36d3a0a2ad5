package live.catwalk.adapters.rest.api;

import java.util.List;

/** What a log's ring buffer gained between two reads of its tail. */
final class NewLines {

    private NewLines() {
    }

    /**
     * The lines of {@code now} after the longest end of {@code before} that {@code now} starts with again; all of
     * {@code now} when no end of {@code before} is found (the buffer turned over completely, or was empty).
     */
    static List<String> after(List<String> before, List<String> now) {
        for (int start = 0; start < before.size(); start++) {
            List<String> tail = before.subList(start, before.size());
            if (now.size() >= tail.size() && now.subList(0, tail.size()).equals(tail)) {
                return List.copyOf(now.subList(tail.size(), now.size()));
            }
        }
        return List.copyOf(now);
    }
}
