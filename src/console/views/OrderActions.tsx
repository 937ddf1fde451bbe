import { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import {
  CancellationReason,
  ConsoleAcceptOrderDocument,
  ConsoleCancelOrderDocument,
  ConsoleCarriersDocument,
  ConsoleCarriersQuery,
  ConsoleConfirmShipmentDocument,
  ConsoleMarkReadyForPickupDocument,
  ConsoleRefundOrderDocument,
  ConsoleRefuseOrderDocument,
  ConsoleSetTrackingDocument,
  OrderAction,
  OrderDetailFragment,
  OrderOutcomeFragment,
  RefundReason,
} from '../generated/graphql';
import { formatMoney } from '../format';
import { useI18n } from '../i18n';
import { useApi } from '../session-context';
import { CodeSelect } from './CodeSelect';
import { ErrorOutcome, OutcomeMessage, RequestProblem } from './Outcome';

const CANCELLATION_REASONS: CancellationReason[] = ['OUT_OF_STOCK', 'CUSTOMER_REQUEST', 'ADDRESS_PROBLEM', 'PRICE_ERROR', 'OTHER'];
const REFUND_REASONS: RefundReason[] = [
  'CUSTOMER_CANCELLED_BEFORE_SHIPPING',
  'DAMAGED_PRODUCT',
  'LATE_SHIPPING',
  'NOT_AS_DESCRIBED',
  'NOT_COLLECTED',
  'NOT_DELIVERED_ON_TIME',
  'WITHDRAWAL_NO_REASON',
];

/** The seller's actions this screen has a form for; others in availableActions (a customer's) are not the console's. */
const FORMS: OrderAction[] = ['ACCEPT', 'REFUSE', 'SET_TRACKING', 'CONFIRM_SHIPMENT', 'MARK_READY_FOR_PICKUP', 'CANCEL', 'REFUND'];

interface ActionProps {
  order: OrderDetailFragment;
  /** Runs a mutation; an Order result replaces the order on screen, an error result is returned. */
  run(mutation: (common: { orderId: string; expectedVersion: number; idempotencyKey: string }) => Promise<OrderOutcomeFragment>): Promise<ErrorOutcome | null>;
}

function useSubmit(props: ActionProps) {
  const [outcome, setOutcome] = useState<ErrorOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  return {
    outcome,
    busy,
    submit: async (mutation: Parameters<ActionProps['run']>[0]) => {
      setBusy(true);
      setOutcome(await props.run(mutation));
      setBusy(false);
    },
  };
}

/** The frame every action form shares: its fields, the submit button, and the error result under it. */
function ActionForm(props: {
  label: string;
  busy: boolean;
  outcome: ErrorOutcome | null;
  onSubmit(): void;
  /** The button's id; the form is labelled by it. */
  id?: string;
  /** Besides busy: the form cannot be sent yet. */
  incomplete?: boolean;
  children?: ComponentChildren;
}) {
  return (
    <form
      class="action"
      aria-labelledby={props.id}
      onSubmit={(event) => {
        event.preventDefault();
        props.onSubmit();
      }}
    >
      {props.children}
      <button type="submit" id={props.id} disabled={props.busy || props.incomplete}>
        {props.label}
      </button>
      <OutcomeMessage outcome={props.outcome} />
    </form>
  );
}

function Accept(props: ActionProps) {
  const { t, locale } = useI18n();
  const api = useApi();
  const waiting = props.order.lines.filter((line) => line.state === 'WAITING_ACCEPTANCE');
  const [decisions, setDecisions] = useState<Record<string, boolean>>({});
  const { outcome, busy, submit } = useSubmit(props);
  return (
    <ActionForm
      id="action-accept"
      label={t('action.ACCEPT')}
      busy={busy}
      outcome={outcome}
      onSubmit={() => {
        const lines = waiting.length > 1 ? waiting.map((line) => ({ lineId: line.id, accepted: decisions[line.id] ?? true })) : undefined;
        void submit(async (common) => (await api(ConsoleAcceptOrderDocument, { input: { ...common, lines }, locale })).acceptOrder);
      }}
    >
      {waiting.length > 1 && (
        <fieldset>
          <legend>{t('order.decision')}</legend>
          {waiting.map((line) => (
            <p>
              {line.productTitle}:{' '}
              <label>
                <input type="radio" name={`line-${line.id}`} checked={decisions[line.id] !== false} onChange={() => setDecisions({ ...decisions, [line.id]: true })} /> {t('order.acceptLine')}
              </label>{' '}
              <label>
                <input type="radio" name={`line-${line.id}`} checked={decisions[line.id] === false} onChange={() => setDecisions({ ...decisions, [line.id]: false })} /> {t('order.refuseLine')}
              </label>
            </p>
          ))}
        </fieldset>
      )}
    </ActionForm>
  );
}

function Refuse(props: ActionProps) {
  const { t, locale } = useI18n();
  const api = useApi();
  const [reason, setReason] = useState('');
  const { outcome, busy, submit } = useSubmit(props);
  return (
    <ActionForm
      label={t('action.REFUSE')}
      busy={busy}
      outcome={outcome}
      onSubmit={() => {
        void submit(async (common) => (await api(ConsoleRefuseOrderDocument, { input: { ...common, reason: reason || undefined }, locale })).refuseOrder);
      }}
    >
      <label>
        {t('form.refuseReason')} <input value={reason} maxLength={2000} onInput={(event) => setReason(event.currentTarget.value)} />
      </label>
    </ActionForm>
  );
}

function SetTracking(props: ActionProps & { carriers: ConsoleCarriersQuery['carriers'] }) {
  const { t, locale } = useI18n();
  const api = useApi();
  const [carrierCode, setCarrierCode] = useState(props.carriers[0]?.code ?? '');
  const [carrierName, setCarrierName] = useState('');
  const [trackingNumber, setTrackingNumber] = useState(props.order.tracking?.trackingNumber ?? '');
  const { outcome, busy, submit } = useSubmit(props);
  return (
    <ActionForm
      label={t('action.SET_TRACKING')}
      busy={busy}
      outcome={outcome}
      onSubmit={() => {
        const carrier = carrierCode ? { carrierCode } : { carrierName };
        void submit(async (common) => (await api(ConsoleSetTrackingDocument, { input: { ...common, ...carrier, trackingNumber }, locale })).setTracking);
      }}
    >
      <label>
        {t('form.carrier')}{' '}
        <select name="carrier" value={carrierCode} onChange={(event) => setCarrierCode(event.currentTarget.value)}>
          {props.carriers.map((carrier) => (
            <option value={carrier.code}>{carrier.name}</option>
          ))}
          <option value="">{t('form.carrierOther')}</option>
        </select>
      </label>
      {!carrierCode && (
        <label>
          {t('form.carrierName')} <input name="carrierName" required value={carrierName} onInput={(event) => setCarrierName(event.currentTarget.value)} />
        </label>
      )}
      <label>
        {t('form.trackingNumber')} <input name="trackingNumber" required value={trackingNumber} onInput={(event) => setTrackingNumber(event.currentTarget.value)} />
      </label>
    </ActionForm>
  );
}

function PlainAction(props: ActionProps & { action: 'CONFIRM_SHIPMENT' | 'MARK_READY_FOR_PICKUP' }) {
  const { t, locale } = useI18n();
  const api = useApi();
  const { outcome, busy, submit } = useSubmit(props);
  const mutate =
    props.action === 'CONFIRM_SHIPMENT'
      ? async (common: { orderId: string }) => (await api(ConsoleConfirmShipmentDocument, { input: common, locale })).confirmShipment
      : async (common: { orderId: string }) => (await api(ConsoleMarkReadyForPickupDocument, { input: common, locale })).markReadyForPickup;
  return (
    <div class="action">
      <button type="button" disabled={busy} onClick={() => void submit(mutate)}>
        {t(`action.${props.action}`)}
      </button>
      <OutcomeMessage outcome={outcome} />
    </div>
  );
}

function Cancel(props: ActionProps) {
  const { t, locale } = useI18n();
  const api = useApi();
  const [reason, setReason] = useState('');
  const [reasonCode, setReasonCode] = useState<CancellationReason>('OUT_OF_STOCK');
  const { outcome, busy, submit } = useSubmit(props);
  return (
    <ActionForm
      label={t('action.CANCEL')}
      busy={busy}
      outcome={outcome}
      onSubmit={() => {
        void submit(async (common) => (await api(ConsoleCancelOrderDocument, { input: { ...common, reason, reasonCode }, locale })).cancelOrder);
      }}
    >
      <CodeSelect label={t('form.reason')} codes={CANCELLATION_REASONS} value={reasonCode} onChange={setReasonCode} />
      <label>
        {t('form.cancelReason')} <input required value={reason} maxLength={2000} onInput={(event) => setReason(event.currentTarget.value)} />
      </label>
    </ActionForm>
  );
}

function Refund(props: ActionProps) {
  const { t, locale, language } = useI18n();
  const api = useApi();
  const refundable = props.order.lines.filter((line) => Number(line.refundable.amount) > 0);
  const [lineId, setLineId] = useState(refundable[0]?.id ?? '');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState<RefundReason>('CUSTOMER_CANCELLED_BEFORE_SHIPPING');
  const { outcome, busy, submit } = useSubmit(props);
  return (
    <ActionForm
      label={t('action.REFUND')}
      busy={busy}
      outcome={outcome}
      incomplete={!lineId}
      onSubmit={() => {
        const lines = [{ lineId, amount: amount.trim() ? amount.trim().replace(',', '.') : undefined }];
        void submit(async (common) => (await api(ConsoleRefundOrderDocument, { input: { ...common, lines, reason }, locale })).refundOrder);
      }}
    >
      <label>
        {t('form.refundLine')}{' '}
        <select value={lineId} onChange={(event) => setLineId(event.currentTarget.value)}>
          {refundable.map((line) => (
            <option value={line.id}>
              {line.productTitle} ({formatMoney(line.refundable, language)})
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('form.amount')} <input inputMode="decimal" value={amount} onInput={(event) => setAmount(event.currentTarget.value)} />
      </label>
      <CodeSelect label={t('form.refundReason')} codes={REFUND_REASONS} value={reason} onChange={setReason} />
    </ActionForm>
  );
}

/** Exactly the order's availableActions, each with its form; nothing else is offered. */
export function OrderActions(props: ActionProps) {
  const { t } = useI18n();
  const api = useApi();
  const [carriers, setCarriers] = useState<ConsoleCarriersQuery['carriers'] | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const actions = props.order.availableActions.filter((action) => FORMS.includes(action));
  useEffect(() => {
    if (actions.includes('SET_TRACKING') && !carriers)
      api(ConsoleCarriersDocument, {})
        .then((data) => setCarriers(data.carriers))
        .catch(setProblem);
  }, [actions.join()]);
  return (
    <section aria-labelledby="actions-heading" class="actions">
      <h2 id="actions-heading">{t('order.actions')}</h2>
      <RequestProblem error={problem} />
      {actions.length === 0 && <p>{t('order.noActions')}</p>}
      {actions.map((action) => {
        switch (action) {
          case 'ACCEPT':
            return <Accept key={action} {...props} />;
          case 'REFUSE':
            return <Refuse key={action} {...props} />;
          case 'SET_TRACKING':
            return carriers ? <SetTracking key={action} {...props} carriers={carriers} /> : null;
          case 'CONFIRM_SHIPMENT':
          case 'MARK_READY_FOR_PICKUP':
            return <PlainAction key={action} {...props} action={action} />;
          case 'CANCEL':
            return <Cancel key={action} {...props} />;
          case 'REFUND':
            return <Refund key={action} {...props} />;
          default:
            return null;
        }
      })}
    </section>
  );
}
