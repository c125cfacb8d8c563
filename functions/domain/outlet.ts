import type { Language, LocalizedText } from './language.js';

/** A 网点: a branch office customers visit, in one region. */
export interface Outlet {
  id: string;
  name: LocalizedText;
  regionId: string;
  address: string;
  openingHours: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Region {
  id: string;
  name: LocalizedText;
}

export const OUTLET_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,39}$/;

export const localized = (text: LocalizedText, lang: Language) => text[lang] || text['zh-CN'];
