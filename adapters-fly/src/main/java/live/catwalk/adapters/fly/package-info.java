/**
 * Fly.io Machines runtime and the HTTP upstream to a runner on a machine: {@link
 * live.catwalk.adapters.fly.FlyRuntime} (built by {@link live.catwalk.adapters.fly.FlyRuntimeBuilder}) runs each
 * deployment on a machine of its own through the Machines REST API ({@code FlyMachines}) and reads the runner
 * on it ({@code RunnerClient}) with a secret derived per machine ({@code RunnerSecret}).
 */
package live.catwalk.adapters.fly;
