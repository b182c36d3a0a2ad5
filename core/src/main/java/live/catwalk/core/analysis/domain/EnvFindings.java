package live.catwalk.core.analysis.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables of a server from every source that named them, one entry per name: the most authoritative
 * source's answer (see {@link Source}), its gaps filled from the others. Ordered as the most authoritative source
 * that names each listed it, declared variables first. Pure.
 */
public final class EnvFindings {

    private EnvFindings() {
    }

    /** Merges the variables found, each list in the order its source gave them. */
    public static List<EnvVar> merge(List<EnvVar> found) {
        List<EnvVar> bySource = new ArrayList<>(found);
        bySource.sort(Comparator.comparing(EnvVar::source)); // stable: each source keeps its own order
        Map<String, EnvVar> merged = new LinkedHashMap<>();
        for (EnvVar v : bySource) {
            merged.merge(v.name(), v, EnvVar::fillGapsFrom);
        }
        return List.copyOf(merged.values());
    }
}
