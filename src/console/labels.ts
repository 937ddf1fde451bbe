import type { OrderState } from './generated/graphql';
import type { Language } from './i18n';

/**
 * Labels for the state filter, where no order is at hand to ask its `stateLabel`: the same words as
 * the server's (src/orders/order.status.ts). Rows and details show the server's `stateLabel` itself.
 */
export const ORDER_STATE_LABELS: Record<OrderState, Record<Language, string>> = {
  WAITING_ACCEPTANCE: { pl: 'Przyjęcie w toku', en: 'Pending acceptance' },
  WAITING_DEBIT_PAYMENT: { pl: 'Obciążenie w trakcie realizacji', en: 'Debit in Progress' },
  SHIPPING: { pl: 'Oczekuje na wysyłkę', en: 'Shipping in Progress' },
  SHIPPED: { pl: 'Wysłano', en: 'Shipped' },
  TO_COLLECT: { pl: 'Do odbioru', en: 'Ready for pickup' },
  RECEIVED: { pl: 'Otrzymano', en: 'Received' },
  CLOSED: { pl: 'Zamknięto', en: 'Closed' },
  REFUSED: { pl: 'Odrzucono', en: 'Rejected' },
  CANCELED: { pl: 'Anulowano', en: 'Canceled' },
  REFUNDED: { pl: 'Zwrócono', en: 'Refunded' },
};

export const ORDER_STATES = Object.keys(ORDER_STATE_LABELS) as OrderState[];

/**
 * Words for the API's other codes (statuses, reasons, event types) in both languages. One table:
 * a code means the same wherever it appears (OTHER, NOT_AS_DESCRIBED…). Unknown codes — a newer
 * server's — fall back to the code itself in lower case.
 */
const CODE_LABELS: Record<string, Record<Language, string>> = {
  // incident statuses
  NEW: { pl: 'Nowy', en: 'New' },
  IN_PROGRESS: { pl: 'W toku', en: 'In progress' },
  RESOLVED: { pl: 'Rozwiązany', en: 'Resolved' },
  DISPUTED: { pl: 'Sporny', en: 'Disputed' },
  // return statuses
  REQUESTED: { pl: 'Zgłoszony', en: 'Requested' },
  ACCEPTED: { pl: 'Zaakceptowany', en: 'Accepted' },
  REJECTED: { pl: 'Odrzucony', en: 'Rejected' },
  // incident reasons and resolutions
  DEFECTIVE: { pl: 'Wadliwy produkt', en: 'Defective' },
  INCOMPLETE: { pl: 'Niekompletna przesyłka', en: 'Incomplete' },
  LATE_DELIVERY: { pl: 'Opóźniona dostawa', en: 'Late delivery' },
  NOT_AS_DESCRIBED: { pl: 'Niezgodny z opisem', en: 'Not as described' },
  NOT_RECEIVED: { pl: 'Nie dotarło', en: 'Not received' },
  NOT_SHIPPED_ON_TIME: { pl: 'Niewysłane w terminie', en: 'Not shipped on time' },
  OTHER: { pl: 'Inne', en: 'Other' },
  CARRIER_FAULT: { pl: 'Wina przewoźnika', en: 'Carrier fault' },
  CUSTOMER_ERROR: { pl: 'Pomyłka klienta', en: 'Customer error' },
  REPAIRED: { pl: 'Naprawiono', en: 'Repaired' },
  REPLACED: { pl: 'Wymieniono', en: 'Replaced' },
  // return reasons and rejection reasons
  DAMAGED_PRODUCT: { pl: 'Uszkodzony produkt', en: 'Damaged product' },
  WITHDRAWAL_NO_REASON: { pl: 'Odstąpienie bez podania przyczyny', en: 'Withdrawal without a reason' },
  WRONG_ITEM: { pl: 'Inny produkt niż zamówiony', en: 'Wrong item' },
  NOT_RECEIVED_BACK: { pl: 'Towar nie wrócił', en: 'Not received back' },
  NOT_RETURNABLE: { pl: 'Nie podlega zwrotowi', en: 'Not returnable' },
  WINDOW_CLOSED: { pl: 'Po terminie na zwrot', en: 'Return window closed' },
  // refund and cancellation reasons
  CUSTOMER_CANCELLED_BEFORE_SHIPPING: { pl: 'Klient zrezygnował przed wysyłką', en: 'Customer cancelled before shipping' },
  LATE_SHIPPING: { pl: 'Spóźniona wysyłka', en: 'Late shipping' },
  NOT_COLLECTED: { pl: 'Nieodebrane', en: 'Not collected' },
  NOT_DELIVERED_ON_TIME: { pl: 'Niedostarczone w terminie', en: 'Not delivered on time' },
  OUT_OF_STOCK: { pl: 'Brak towaru', en: 'Out of stock' },
  CUSTOMER_REQUEST: { pl: 'Na prośbę klienta', en: 'Customer request' },
  ADDRESS_PROBLEM: { pl: 'Problem z adresem', en: 'Address problem' },
  PRICE_ERROR: { pl: 'Błędna cena', en: 'Price error' },
  // rating removal
  NOT_THIS_TRANSACTION: { pl: 'Nie dotyczy tej transakcji', en: 'Not this transaction' },
  RULES_VIOLATION: { pl: 'Narusza regulamin', en: 'Rules violation' },
  KEPT: { pl: 'Pozostawiona', en: 'Kept' },
  REMOVED: { pl: 'Usunięta', en: 'Removed' },
  // event types (the timeline)
  ORDER_PLACED: { pl: 'Złożono zamówienie', en: 'Order placed' },
  ORDER_ACCEPTED: { pl: 'Przyjęto', en: 'Accepted' },
  ORDER_REFUSED: { pl: 'Odrzucono', en: 'Refused' },
  ORDER_PAYMENT_RECEIVED: { pl: 'Wpłynęła płatność', en: 'Payment received' },
  ORDER_TRACKING_SET: { pl: 'Zapisano numer przesyłki', en: 'Tracking set' },
  ORDER_SHIPPED: { pl: 'Wysłano', en: 'Shipped' },
  ORDER_READY_FOR_PICKUP: { pl: 'Gotowe do odbioru', en: 'Ready for pickup' },
  ORDER_DELIVERED: { pl: 'Doręczono', en: 'Delivered' },
  ORDER_CANCELED: { pl: 'Anulowano', en: 'Canceled' },
  ORDER_REFUNDED: { pl: 'Zwrócono pieniądze', en: 'Refunded' },
  ORDER_CLOSED: { pl: 'Zamknięto', en: 'Closed' },
  MESSAGE_ADDED: { pl: 'Wiadomość', en: 'Message' },
  INCIDENT_OPENED: { pl: 'Otwarto incydent', en: 'Incident opened' },
  INCIDENT_UPDATED: { pl: 'Zmiana incydentu', en: 'Incident updated' },
  RETURN_REQUESTED: { pl: 'Zgłoszono zwrot', en: 'Return requested' },
  RETURN_UPDATED: { pl: 'Zmiana zwrotu', en: 'Return updated' },
  RATING_RECEIVED: { pl: 'Wystawiono ocenę', en: 'Rating received' },
  RATING_UPDATED: { pl: 'Zmiana oceny', en: 'Rating updated' },
  CUSTOMER_NOTIFIED: { pl: 'Powiadomiono klienta', en: 'Customer notified' },
};

/** A code in words: order states as the server labels them, the rest from the table above. */
export function codeLabel(code: string, language: Language): string {
  return (ORDER_STATE_LABELS as Record<string, Record<Language, string>>)[code]?.[language] ?? CODE_LABELS[code]?.[language] ?? code.toLowerCase().replace(/_/g, ' ');
}
