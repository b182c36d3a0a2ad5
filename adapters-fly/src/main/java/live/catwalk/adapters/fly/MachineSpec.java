package live.catwalk.adapters.fly;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings every Catwalk machine of an app shares: the runner image, the region (empty: Fly places it),
 * the guest size, the restart policy and how long a stop waits after SIGTERM before Fly kills the runner.
 */
record MachineSpec(String image, Optional<String> region, String cpuKind, int cpus, int memoryMb,
        String restartPolicy, int maxRetries, Duration stopTimeout) {

    MachineSpec {
        Objects.requireNonNull(image, "image");
        if (image.isBlank()) {
            throw new IllegalArgumentException("the machine image is blank");
        }
        Objects.requireNonNull(region, "region");
        if (!"shared".equals(cpuKind) && !"performance".equals(cpuKind)) {
            throw new IllegalArgumentException("cpu kind is shared or performance");
        }
        if (cpus < 1 || memoryMb < 256 || memoryMb % 256 != 0) {
            throw new IllegalArgumentException("at least one cpu, and memory a multiple of 256 MB");
        }
        if (!"no".equals(restartPolicy) && !"on-failure".equals(restartPolicy) && !"always".equals(restartPolicy)) {
            throw new IllegalArgumentException("restart policy is no, on-failure or always");
        }
        if (maxRetries < 0 || stopTimeout.isNegative() || stopTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("max retries >= 0 and a stop timeout of a second or more");
        }
    }

    /** {@code image} on a shared CPU with 512 MB, restarted on failure up to 5 times, 30 s to stop. */
    static MachineSpec of(String image) {
        return new MachineSpec(image, Optional.empty(), "shared", 1, 512, "on-failure", 5, Duration.ofSeconds(30));
    }
}
