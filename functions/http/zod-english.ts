import * as z from 'zod/mini';

/**
 * zod's messages in English, once for the process: `zod/mini` leaves them generic ("Invalid
 * input") unless told, and English is the one language the Lambda bundles keep.
 */
z.config(z.locales.en());
