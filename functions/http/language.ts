import type { Context } from 'hono';
import { LANGUAGES, type Language, pickLanguage } from '../domain/language.js';
import type { AppEnv } from './app-env.js';

const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/**
 * The language to answer in: the request's own `lang` (in the JSON body, noted by the route that
 * read it, or in the query), else the Accept-Language header, else Simplified Chinese. Pages send
 * their language both ways, so a Chinese page never shows an English refusal.
 */
export function requestLanguage(c: Context<AppEnv>): Language {
  const noted = c.get('lang');
  if (noted) return noted;
  const asked = c.req.query('lang');
  return isLanguage(asked) ? asked : pickLanguage(c.req.header('accept-language'));
}

/** Notes the `lang` a JSON body names, if it names one of ours (even when the rest is invalid). */
export function noteBodyLanguage(c: Context<AppEnv>, body: unknown): void {
  const lang = body !== null && typeof body === 'object' ? (body as { lang?: unknown }).lang : undefined;
  if (isLanguage(lang)) c.set('lang', lang);
}
