/**
 * The page's first import (app/main.tsx): zod probes `new Function` the first time a schema is built,
 * to decide on its eval-compiled parsers, and the page's CSP (script-src 'self', no 'unsafe-eval')
 * reports that probe as a violation even though zod catches it. Jitless before any schema exists means
 * no probe; eval could not run here anyway. receive.ts also parses jitless, so tests match the page.
 */
import { z } from 'zod';

z.config({ jitless: true });
