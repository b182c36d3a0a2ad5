/** Reading the manifest formats that are not JSON (TOML, YAML) into JSON trees, safely and within bounds. */
package live.catwalk.adapters.llm.formats;
