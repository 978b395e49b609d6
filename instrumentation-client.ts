import { config } from "zod/v4/core";

/**
 * Runs in the browser before the app starts. Zod compiles fast object parsers with `new Function`
 * when it may; to find out, it tries one. Our Content-Security-Policy has no 'unsafe-eval', so
 * that try is blocked and reported as a policy violation on every form page (harmless, but it
 * hides real violations). Jitless parsing gives the same results without the try.
 */
config({ jitless: true });
