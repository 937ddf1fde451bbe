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
