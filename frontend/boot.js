// Starts the web app: loads its glue and compiles its WebAssembly. A file of its own (the
// page names it), so that the page's Content-Security-Policy needs no inline script.
import init from "{{script}}";
init({ module_or_path: "{{wasm}}" });
