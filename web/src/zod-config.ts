// zod (v4) probes once whether `new Function('')` is allowed, to compile faster parsers. The app's
// Content-Security-Policy forbids eval, so the probe would be refused and reported as a policy
// violation on every load: tell zod not to try. Imported first by main.tsx, before any schema parses.
import { z } from 'zod';

z.config({ jitless: true });
