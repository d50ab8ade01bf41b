package org.gorlj.train;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.gorlj.env.VecEnv;

/**
 * The training episodes of a run: each row's mean return and length of the episodes that ended in
 * its iteration, and the returns of the last {@value #WINDOW} episodes for the progress line.
 */
final class EpisodeStats {
    /** Episodes the progress line averages over. */
    static final int WINDOW = 20;

    private final Deque<Double> recent = new ArrayDeque<>();

    /** Puts {@code episodic_return}, {@code episodic_length} (when any ended) and {@code episodes} in the row. */
    void add(List<VecEnv.Episode> episodes, Map<String, Object> row) {
        if (!episodes.isEmpty()) {
            double r = 0, l = 0;
            for (VecEnv.Episode e : episodes) {
                r += e.episodeReturn();
                l += e.length();
                recent.addLast(e.episodeReturn());
                if (recent.size() > WINDOW) {
                    recent.removeFirst();
                }
            }
            row.put("episodic_return", r / episodes.size());
            row.put("episodic_length", l / episodes.size());
        }
        row.put("episodes", episodes.size());
    }

    /** The returns of the last episodes, oldest first. */
    Deque<Double> recent() {
        return recent;
    }
}
