import { Locale } from '../common/locale';
import { NotificationKind as K } from './notification-kind';
import { formatAmount, NotificationFacts, paragraphs, TemplateTable } from './template-helpers';

/** Polish subjects and bodies (the default language). */

const INCIDENT: Record<string, { label: string; text: (f: NotificationFacts) => string }> = {
  NEW: { label: 'przyjęte', text: (f) => `Przyjęliśmy zgłoszenie dotyczące zamówienia ${f.orderReference}. Sklep ${f.shopName} odpowie w wątku zamówienia.` },
  IN_PROGRESS: { label: 'w toku', text: (f) => `Sklep ${f.shopName} zajmuje się Twoim zgłoszeniem dotyczącym zamówienia ${f.orderReference}.` },
  RESOLVED: {
    label: 'rozwiązane',
    text: (f) =>
      `Sklep ${f.shopName} oznaczył Twoje zgłoszenie dotyczące zamówienia ${f.orderReference} jako rozwiązane. ` +
      'Jeśli się z tym nie zgadzasz, możesz je zakwestionować w szczegółach zamówienia.',
  },
  DISPUTED: {
    label: 'w rozpatrzeniu przez platformę',
    text: (f) => `Twoje zgłoszenie dotyczące zamówienia ${f.orderReference} ze sklepu ${f.shopName} rozpatrzy teraz obsługa platformy.`,
  },
  CLOSED: { label: 'zamknięte', text: (f) => `Twoje zgłoszenie dotyczące zamówienia ${f.orderReference} ze sklepu ${f.shopName} zostało zamknięte.` },
};

const RETURN_REJECTIONS: Record<string, string | undefined> = {
  WINDOW_CLOSED: 'Powód: termin na odstąpienie od umowy już minął.',
  NOT_RETURNABLE: 'Powód: tych produktów nie można zwrócić.',
  NOT_RECEIVED_BACK: 'Powód: zwracane produkty nie dotarły do sklepu.',
};

const RETURN: Record<string, { label: string; text: (f: NotificationFacts) => string }> = {
  REQUESTED: { label: 'zgłoszony', text: (f) => `Zgłoszono zwrot produktów z zamówienia ${f.orderReference}. Sklep ${f.shopName} wkrótce podejmie decyzję.` },
  ACCEPTED: {
    label: 'zaakceptowany',
    text: (f) =>
      `Sklep ${f.shopName} zaakceptował zwrot z zamówienia ${f.orderReference}. ` +
      'Odeślij produkty i podaj numer przesyłki zwrotnej w szczegółach zamówienia.',
  },
  REJECTED: {
    label: 'odrzucony',
    text: (f) => paragraphs(`Sklep ${f.shopName} odrzucił zwrot z zamówienia ${f.orderReference}.`, f.reason && RETURN_REJECTIONS[f.reason]),
  },
  RECEIVED: { label: 'produkty dotarły do sklepu', text: (f) => `Sklep ${f.shopName} otrzymał zwracane produkty z zamówienia ${f.orderReference}.` },
  REFUNDED: {
    label: 'rozliczony',
    text: (f) =>
      f.amountMinor === undefined
        ? `Sklep ${f.shopName} rozliczył zwrot z zamówienia ${f.orderReference}.`
        : `Sklep ${f.shopName} rozliczył zwrot z zamówienia ${f.orderReference} i zwrócił Ci ${formatAmount(Locale.PL, f.amountMinor, f.currency)}.`,
  },
  CANCELED: { label: 'anulowany', text: (f) => `Zwrot z zamówienia ${f.orderReference} ze sklepu ${f.shopName} został anulowany.` },
};

const reasonLine = (f: NotificationFacts) => f.reason && `Powód: ${f.reason}`;

export const PL_TEMPLATES: TemplateTable = {
  [K.ORDER_ACCEPTED]: (f) => ({
    subject: `Zamówienie ${f.orderReference} zostało przyjęte`,
    body: paragraphs(
      `Sklep ${f.shopName} przyjął Twoje zamówienie ${f.orderReference}.`,
      f.lineTitles?.length ? `Nie zrealizuje jednak tych pozycji: ${f.lineTitles.join(', ')}.` : null,
      'Damy Ci znać, gdy paczka zostanie wysłana.',
    ),
  }),
  [K.ORDER_REFUSED]: (f) => ({
    subject: `Zamówienie ${f.orderReference} zostało odrzucone`,
    body:
      f.cause === 'ACCEPTANCE_TIMEOUT'
        ? `Sklep ${f.shopName} nie potwierdził Twojego zamówienia ${f.orderReference} w wyznaczonym czasie, dlatego zostało ono odrzucone.`
        : paragraphs(`Sklep ${f.shopName} odrzucił Twoje zamówienie ${f.orderReference}.`, reasonLine(f)),
  }),
  [K.ORDER_SHIPPED]: (f) => ({
    subject: `Zamówienie ${f.orderReference} zostało wysłane`,
    body: paragraphs(
      `Sklep ${f.shopName} wysłał Twoje zamówienie ${f.orderReference}.`,
      [`Przewoźnik: ${f.carrierName}`, `Numer przesyłki: ${f.trackingNumber}`, f.trackingUrl && `Śledzenie przesyłki: ${f.trackingUrl}`]
        .filter(Boolean)
        .join('\n'),
    ),
  }),
  [K.ORDER_READY_FOR_PICKUP]: (f) => ({
    subject: `Zamówienie ${f.orderReference} czeka na odbiór`,
    body: `Twoje zamówienie ${f.orderReference} ze sklepu ${f.shopName} jest gotowe do odbioru.`,
  }),
  [K.ORDER_DELIVERED]: (f) => ({
    subject: `Zamówienie ${f.orderReference} zostało dostarczone`,
    body: paragraphs(
      `Twoje zamówienie ${f.orderReference} ze sklepu ${f.shopName} zostało dostarczone.`,
      'Jeśli coś jest nie tak, zgłoś problem lub zwrot w szczegółach zamówienia.',
    ),
  }),
  [K.ORDER_CANCELED]: (f) => {
    if (f.lineTitles?.length) {
      return {
        subject: `Część zamówienia ${f.orderReference} została anulowana`,
        body: paragraphs(`Sklep ${f.shopName} anulował część Twojego zamówienia ${f.orderReference}: ${f.lineTitles.join(', ')}.`, reasonLine(f)),
      };
    }
    const because: Record<string, string | undefined> = {
      PAYMENT_FAILED: 'ponieważ płatność się nie powiodła',
      PAYMENT_TIMEOUT: 'ponieważ płatność nie dotarła w terminie',
    };
    return {
      subject: `Zamówienie ${f.orderReference} zostało anulowane`,
      body:
        f.cause && because[f.cause]
          ? `Zamówienie ${f.orderReference} ze sklepu ${f.shopName} zostało anulowane, ${because[f.cause]}.`
          : paragraphs(`Sklep ${f.shopName} anulował Twoje zamówienie ${f.orderReference}.`, reasonLine(f)),
    };
  },
  [K.REFUND_ISSUED]: (f) => ({
    subject: `Zwrot pieniędzy za zamówienie ${f.orderReference}`,
    body:
      f.amountMinor === undefined
        ? `Sklep ${f.shopName} zwrócił Ci pieniądze za zamówienie ${f.orderReference}.`
        : `Sklep ${f.shopName} zwrócił Ci ${formatAmount(Locale.PL, f.amountMinor, f.currency)} za zamówienie ${f.orderReference}.`,
  }),
  [K.INCIDENT_UPDATED]: (f) => {
    const status = f.status ? INCIDENT[f.status] : undefined;
    return {
      subject: `Zgłoszenie dotyczące zamówienia ${f.orderReference}: ${status?.label ?? 'aktualizacja'}`,
      body: status?.text(f) ?? `Twoje zgłoszenie dotyczące zamówienia ${f.orderReference} ze sklepu ${f.shopName} zostało zaktualizowane.`,
    };
  },
  [K.RETURN_UPDATED]: (f) => {
    const status = f.status ? RETURN[f.status] : undefined;
    return {
      subject: `Zwrot z zamówienia ${f.orderReference}: ${status?.label ?? 'aktualizacja'}`,
      body: status?.text(f) ?? `Twój zwrot z zamówienia ${f.orderReference} ze sklepu ${f.shopName} został zaktualizowany.`,
    };
  },
  [K.NEW_MESSAGE]: (f) => ({
    subject: `Nowa wiadomość od sklepu ${f.shopName} w sprawie zamówienia ${f.orderReference}`,
    body: paragraphs(
      `Sklep ${f.shopName} napisał do Ciebie w sprawie zamówienia ${f.orderReference}:`,
      f.excerpt,
      'Możesz odpowiedzieć w wątku zamówienia.',
    ),
  }),
  [K.RATING_INVITATION]: (f) => ({
    subject: `Oceń zamówienie ${f.orderReference} ze sklepu ${f.shopName}`,
    body: paragraphs(
      `Jak oceniasz zakupy w sklepie ${f.shopName}? Wystaw ocenę zamówienia ${f.orderReference} w skali od 1 do 5 i dodaj komentarz.`,
      'Twoja opinia pomoże innym klientom w wyborze.',
    ),
  }),
};
