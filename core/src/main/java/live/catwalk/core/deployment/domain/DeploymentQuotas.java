package live.catwalk.core.deployment.domain;

/**
 * How many deployments a plain user may have ({@code maxDeployments}) and how many of them may be wanted
 * running at once ({@code maxRunning}); each 1 to {@link #MAX}. Admins are exempt.
 */
public record DeploymentQuotas(int maxDeployments, int maxRunning) {

    /** The largest quota: a user's deployments are counted a page at a time, and this is one page. */
    public static final int MAX = 500;
    /** The defaults: 10 deployments, 5 of them running. */
    public static final DeploymentQuotas DEFAULT = new DeploymentQuotas(10, 5);
    /** No effective limit, for tests and for callers that enforce none. */
    public static final DeploymentQuotas UNLIMITED = new DeploymentQuotas(MAX, MAX);

    public DeploymentQuotas {
        if (maxDeployments < 1 || maxDeployments > MAX || maxRunning < 1 || maxRunning > MAX) {
            throw new IllegalArgumentException("deployment quotas must be 1 to " + MAX + ": " + maxDeployments
                    + " deployments, " + maxRunning + " running");
        }
    }
}
