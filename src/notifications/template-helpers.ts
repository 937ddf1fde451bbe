import { Locale } from '../common/locale';
import { NotificationKind } from './notification-kind';

/** What templates are given and the small helpers both languages share (templates.pl.ts, templates.en.ts). */

/** What a template may say: the order and shop always, the rest as the kind needs it. */
export interface NotificationFacts {
  orderReference: string;
  shopName: string;
  /** Product titles of lines the step left out (refused in a partial acceptance, canceled in a partial cancel). */
  lineTitles?: string[];
  /** Why the platform itself ended the order, when it did. */
  cause?: 'ACCEPTANCE_TIMEOUT' | 'PAYMENT_FAILED' | 'PAYMENT_TIMEOUT';
  /** Why, in the seller's own words; for a rejected return, its ReturnRejectionReason. */
  reason?: string | null;
  carrierName?: string | null;
  trackingNumber?: string | null;
  trackingUrl?: string | null;
  /** Refunded amount in minor units (grosze); undefined when the event did not say. */
  amountMinor?: number;
  currency?: string;
  /** The incident's or return's status after the change (IncidentStatus / ReturnStatus names); null when unchanged. */
  status?: string | null;
  /** The start of the shop's message. */
  excerpt?: string;
}

export interface RenderedNotification {
  subject: string;
  body: string;
}

export type TemplateTable = Record<NotificationKind, (facts: NotificationFacts) => RenderedNotification>;

/** Joins non-empty paragraphs with a blank line: templates add optional sentences without stray gaps. */
export function paragraphs(...parts: (string | false | null | undefined)[]): string {
  return parts.filter((part): part is string => Boolean(part)).join('\n\n');
}

/** "49,99 zł" in Polish, "PLN 49.99" in English. */
export function formatAmount(locale: Locale, minor: number, currency = 'PLN'): string {
  const whole = Math.floor(minor / 100);
  const fraction = String(minor % 100).padStart(2, '0');
  if (locale === Locale.EN) return `${currency} ${whole}.${fraction}`;
  return `${whole},${fraction} ${currency === 'PLN' ? 'zł' : currency}`;
}
