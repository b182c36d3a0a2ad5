/** OpenRouter's chat completions as the analysis's {@code ModelAdvisor}: a bounded question, a checked answer. */
package live.catwalk.adapters.llm.openrouter;
