/**
 * The process supervisor (spawn without a shell, stdio lines, restart with backoff, log ring buffer, process-tree kill), the local runtime on it, and the Fly machine image recipe (issue #3).
 */
package live.catwalk.runner;
