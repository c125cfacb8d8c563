import { customerPage } from '../customer/page.js';
import { texts } from './texts.js';

/** The home page: the way to the complaint form and to tracking, for customers who come by URL. */
customerPage(texts, () => {});
