export const LANGUAGES = ['zh-CN', 'zh-TW', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export type LocalizedText = Record<Language, string>;

/**
 * The best of our languages for an Accept-Language header or `lang` value: exact match first,
 * then by script/region (zh-HK and zh-Hant read Traditional Chinese), Chinese first by default.
 */
export function pickLanguage(preferences: string | undefined | null): Language {
  if (!preferences) return 'zh-CN';
  const tags = preferences
    .split(',')
    .map((part) => {
      const [tag = '', q] = part.trim().split(';q=');
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((t) => t.tag && !Number.isNaN(t.q))
    .sort((a, b) => b.q - a.q);
  for (const { tag } of tags) {
    if (tag.startsWith('zh')) {
      return /hant|tw|hk|mo/.test(tag) ? 'zh-TW' : 'zh-CN';
    }
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}
