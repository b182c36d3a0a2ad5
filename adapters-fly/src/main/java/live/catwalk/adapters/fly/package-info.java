/**
 * Fly.io Machines runtime and the HTTP upstream to a runner on a machine.
 */
package live.catwalk.adapters.fly;
