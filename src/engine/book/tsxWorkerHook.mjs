// Preloaded (--import) into worker threads started from TypeScript source, e.g. under vitest.
// Node 20 runs `--import tsx` in a worker but its loader does not take effect there, while an
// explicit register() from the worker does. Unused in the bundled app, where the worker is plain JS.
import { register } from 'tsx/esm/api';

register();
