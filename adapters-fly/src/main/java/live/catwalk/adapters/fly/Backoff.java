package live.catwalk.adapters.fly;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How often and how long a rate-limited (429) or failing (5xx) Machines API call is tried again: at most
 * {@code attempts} tries in all, the n-th pause drawn between half and all of {@code base · 2ⁿ} (capped at
 * {@code cap}), or the server's {@code Retry-After} when it names one (capped too, so a call stays bounded).
 */
record Backoff(int attempts, Duration base, Duration cap, Sleeper sleeper, RandomGenerator random) {

    /** Pauses the calling thread; tests pass one that only records. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration pause) throws InterruptedException;
    }

    static final Sleeper THREAD_SLEEP = pause -> Thread.sleep(pause.toMillis());

    Backoff {
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(random, "random");
        if (base.isNegative() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("0 <= base <= cap");
        }
    }

    /** Four tries, pauses from about 0.5 s up to 8 s. */
    static Backoff standard() {
        return new Backoff(4, Duration.ofMillis(500), Duration.ofSeconds(8), THREAD_SLEEP, RandomGenerator.getDefault());
    }

    /** The pause before try {@code retry + 1} (retry counts from 0), honouring {@code retryAfter}. */
    Duration pause(int retry, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get();
            return asked.isNegative() ? Duration.ZERO : asked.compareTo(cap) > 0 ? cap : asked;
        }
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(retry, 20));
        long floor = ceiling / 2;
        return Duration.ofMillis(floor + (ceiling > floor ? random.nextLong(ceiling - floor + 1) : 0));
    }

    /** {@code Retry-After} in seconds (the HTTP-date form is ignored: the exponential pause applies). */
    static Optional<Duration> retryAfter(Optional<String> header) {
        return header.map(String::strip).filter(v -> v.matches("\\d{1,6}")).map(v -> Duration.ofSeconds(Long.parseLong(v)));
    }
}
