/**
 * zod/mini carries no error messages of its own (see parse/schemas.ts); the two places that show one
 * to a person (--prices, --thresholds) load the English ones through this module.
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());
