import { Locale } from '../common/locale';
import { NotificationKind } from './notification-kind';
import type { NotificationFacts, RenderedNotification } from './template-helpers';
import { EN_TEMPLATES } from './templates.en';
import { PL_TEMPLATES } from './templates.pl';

export type { NotificationFacts, RenderedNotification } from './template-helpers';

/** Polish by default; English for customers who chose it. */
export function renderNotification(locale: Locale, kind: NotificationKind, facts: NotificationFacts): RenderedNotification {
  const table = locale === Locale.EN ? EN_TEMPLATES : PL_TEMPLATES;
  return table[kind](facts);
}
