/**
 * The API key lives in sessionStorage only: it ends with the tab, is never put in the URL (where
 * history, logs and Referer headers would keep it) and never in a cookie (so no other page can
 * make the browser send it).
 */
const KEY = 'seller-console.api-key';

export function storedKey(): string | null {
  return sessionStorage.getItem(KEY);
}

export function storeKey(secret: string): void {
  sessionStorage.setItem(KEY, secret);
}

export function forgetKey(): void {
  sessionStorage.removeItem(KEY);
}
