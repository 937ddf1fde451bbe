import { Locale } from '../common/locale';
import { NotificationKind as K } from './notification-kind';
import { formatAmount, NotificationFacts, paragraphs, TemplateTable } from './template-helpers';

/** English subjects and bodies, for customers whose locale is EN. */

const INCIDENT: Record<string, { label: string; text: (f: NotificationFacts) => string }> = {
  NEW: { label: 'received', text: (f) => `We have received your claim about order ${f.orderReference}. ${f.shopName} will answer in the order's thread.` },
  IN_PROGRESS: { label: 'in progress', text: (f) => `${f.shopName} is working on your claim about order ${f.orderReference}.` },
  RESOLVED: {
    label: 'resolved',
    text: (f) =>
      `${f.shopName} has marked your claim about order ${f.orderReference} as resolved. ` +
      'If you do not agree, you can dispute it in the order details.',
  },
  DISPUTED: { label: 'under review by the marketplace', text: (f) => `Marketplace support will now review your claim about order ${f.orderReference} from ${f.shopName}.` },
  CLOSED: { label: 'closed', text: (f) => `Your claim about order ${f.orderReference} from ${f.shopName} has been closed.` },
};

const RETURN_REJECTIONS: Record<string, string | undefined> = {
  WINDOW_CLOSED: 'Reason: the withdrawal period has ended.',
  NOT_RETURNABLE: 'Reason: these items cannot be returned.',
  NOT_RECEIVED_BACK: 'Reason: the returned items did not reach the shop.',
};

const RETURN: Record<string, { label: string; text: (f: NotificationFacts) => string }> = {
  REQUESTED: { label: 'requested', text: (f) => `A return of items from order ${f.orderReference} has been requested. ${f.shopName} will decide soon.` },
  ACCEPTED: {
    label: 'accepted',
    text: (f) =>
      `${f.shopName} has accepted your return from order ${f.orderReference}. ` +
      'Please send the items back and add the return tracking number in the order details.',
  },
  REJECTED: {
    label: 'rejected',
    text: (f) => paragraphs(`${f.shopName} has rejected your return from order ${f.orderReference}.`, f.reason && RETURN_REJECTIONS[f.reason]),
  },
  RECEIVED: { label: 'items received by the shop', text: (f) => `${f.shopName} has received the returned items from order ${f.orderReference}.` },
  REFUNDED: {
    label: 'refunded',
    text: (f) =>
      f.amountMinor === undefined
        ? `${f.shopName} has settled your return from order ${f.orderReference}.`
        : `${f.shopName} has settled your return from order ${f.orderReference} and refunded ${formatAmount(Locale.EN, f.amountMinor, f.currency)}.`,
  },
  CANCELED: { label: 'canceled', text: (f) => `Your return from order ${f.orderReference} from ${f.shopName} has been canceled.` },
};

const reasonLine = (f: NotificationFacts) => f.reason && `Reason: ${f.reason}`;

export const EN_TEMPLATES: TemplateTable = {
  [K.ORDER_ACCEPTED]: (f) => ({
    subject: `Your order ${f.orderReference} has been accepted`,
    body: paragraphs(
      `${f.shopName} has accepted your order ${f.orderReference}.`,
      f.lineTitles?.length ? `It cannot supply these items, though: ${f.lineTitles.join(', ')}.` : null,
      'We will let you know when the parcel is on its way.',
    ),
  }),
  [K.ORDER_REFUSED]: (f) => ({
    subject: `Your order ${f.orderReference} has been refused`,
    body:
      f.cause === 'ACCEPTANCE_TIMEOUT'
        ? `${f.shopName} did not confirm your order ${f.orderReference} in time, so it has been refused.`
        : paragraphs(`${f.shopName} has refused your order ${f.orderReference}.`, reasonLine(f)),
  }),
  [K.ORDER_SHIPPED]: (f) => ({
    subject: `Your order ${f.orderReference} has been shipped`,
    body: paragraphs(
      `${f.shopName} has shipped your order ${f.orderReference}.`,
      [`Carrier: ${f.carrierName}`, `Tracking number: ${f.trackingNumber}`, f.trackingUrl && `Track your parcel: ${f.trackingUrl}`]
        .filter(Boolean)
        .join('\n'),
    ),
  }),
  [K.ORDER_READY_FOR_PICKUP]: (f) => ({
    subject: `Your order ${f.orderReference} is ready for pickup`,
    body: `Your order ${f.orderReference} from ${f.shopName} is ready for pickup.`,
  }),
  [K.ORDER_DELIVERED]: (f) => ({
    subject: `Your order ${f.orderReference} has been delivered`,
    body: paragraphs(
      `Your order ${f.orderReference} from ${f.shopName} has been delivered.`,
      'If anything is wrong, you can report a problem or return items in the order details.',
    ),
  }),
  [K.ORDER_CANCELED]: (f) => {
    if (f.lineTitles?.length) {
      return {
        subject: `Part of your order ${f.orderReference} has been canceled`,
        body: paragraphs(`${f.shopName} has canceled part of your order ${f.orderReference}: ${f.lineTitles.join(', ')}.`, reasonLine(f)),
      };
    }
    const because: Record<string, string | undefined> = {
      PAYMENT_FAILED: 'because the payment failed',
      PAYMENT_TIMEOUT: 'because the payment did not arrive in time',
    };
    return {
      subject: `Your order ${f.orderReference} has been canceled`,
      body:
        f.cause && because[f.cause]
          ? `Your order ${f.orderReference} from ${f.shopName} has been canceled ${because[f.cause]}.`
          : paragraphs(`${f.shopName} has canceled your order ${f.orderReference}.`, reasonLine(f)),
    };
  },
  [K.REFUND_ISSUED]: (f) => ({
    subject: `Refund for your order ${f.orderReference}`,
    body:
      f.amountMinor === undefined
        ? `${f.shopName} has refunded your money for order ${f.orderReference}.`
        : `${f.shopName} has refunded ${formatAmount(Locale.EN, f.amountMinor, f.currency)} for your order ${f.orderReference}.`,
  }),
  [K.INCIDENT_UPDATED]: (f) => {
    const status = f.status ? INCIDENT[f.status] : undefined;
    return {
      subject: `Your claim about order ${f.orderReference}: ${status?.label ?? 'update'}`,
      body: status?.text(f) ?? `Your claim about order ${f.orderReference} from ${f.shopName} has been updated.`,
    };
  },
  [K.RETURN_UPDATED]: (f) => {
    const status = f.status ? RETURN[f.status] : undefined;
    return {
      subject: `Your return from order ${f.orderReference}: ${status?.label ?? 'update'}`,
      body: status?.text(f) ?? `Your return from order ${f.orderReference} from ${f.shopName} has been updated.`,
    };
  },
  [K.NEW_MESSAGE]: (f) => ({
    subject: `New message from ${f.shopName} about order ${f.orderReference}`,
    body: paragraphs(`${f.shopName} has written to you about order ${f.orderReference}:`, f.excerpt, "You can reply in the order's thread."),
  }),
  [K.RATING_INVITATION]: (f) => ({
    subject: `Rate your order ${f.orderReference} from ${f.shopName}`,
    body: paragraphs(
      `How was your purchase from ${f.shopName}? Rate order ${f.orderReference} from 1 to 5 and add a comment.`,
      'Your review helps other customers choose.',
    ),
  }),
};
