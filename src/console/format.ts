import { useEffect, useState } from 'preact/hooks';
import type { Language } from './i18n';

/** The marketplace's times are Warsaw times, wherever the seller's browser is. */
const TIME_ZONE = 'Europe/Warsaw';

function intlLocale(language: Language): string {
  return language === 'pl' ? 'pl-PL' : 'en-GB';
}

export function formatMoney(money: { amount: string; currency: string }, language: Language): string {
  return new Intl.NumberFormat(intlLocale(language), { style: 'currency', currency: money.currency }).format(Number(money.amount));
}

export function formatDateTime(iso: string | null | undefined, language: Language): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'short', timeStyle: 'short', timeZone: TIME_ZONE }).format(new Date(iso));
}

/** "2 d 3 h", "3 h 05 min", "4 min 09 s": two units are enough to act on. */
export function formatDuration(milliseconds: number): string {
  const seconds = Math.floor(Math.abs(milliseconds) / 1000);
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${pad(minutes)} min`;
  return `${minutes} min ${pad(rest)} s`;
}

/** The current time, re-rendering the caller every second (one timer per countdown on screen). */
export function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
