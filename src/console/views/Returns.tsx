import {
  ConsoleAcceptReturnDocument,
  ConsoleMarkReturnReceivedDocument,
  ConsoleRefundReturnDocument,
  ConsoleRejectReturnDocument,
  ConsoleReturnsDocument,
  ReturnRejectionReason,
  ReturnStatus,
} from '../generated/graphql';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { codeLabel } from '../labels';
import { href } from '../router';
import { useApi } from '../session-context';
import { CodeSelect } from './CodeSelect';
import { RequestProblem } from './Outcome';
import { RowAction } from './RowAction';
import { useList } from './use-list';

const STATUSES: ReturnStatus[] = ['REQUESTED', 'ACCEPTED', 'RECEIVED', 'REFUNDED', 'REJECTED', 'CANCELED'];
const REJECTION_REASONS: ReturnRejectionReason[] = ['NOT_RECEIVED_BACK', 'NOT_RETURNABLE', 'WINDOW_CLOSED', 'OTHER'];

/** Returns with the shop's decisions: accept, reject, goods received, refund (each only when availableActions has it). */
export function Returns(props: { query: URLSearchParams }) {
  const { t, language } = useI18n();
  const api = useApi();
  const statuses = (props.query.get('statuses') ?? '').split(',').filter((status): status is ReturnStatus => STATUSES.includes(status as ReturnStatus));
  const filter = { statuses: statuses.length ? statuses : undefined, orderId: props.query.get('orderId') ?? undefined };
  // The API has no filter for an overdue refund; the dashboard's link narrows the statuses and this page the rest.
  const overdueOnly = props.query.get('refundOverdue') === '1';
  const { data, problem, reload } = useList(ConsoleReturnsDocument, { filter });
  const rows = data?.returns.edges.map((edge) => edge.node).filter((ret) => !overdueOnly || ret.refundOverdue) ?? [];
  return (
    <section aria-labelledby="returns-heading">
      <h1 id="returns-heading">{t('returns.heading')}</h1>
      <RequestProblem error={problem} />
      {!data ? (
        <p>{t('loading')}</p>
      ) : rows.length === 0 ? (
        <p>{t('list.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('list.order')}</th>
              <th scope="col">{t('order.lines')}</th>
              <th scope="col">{t('list.reason')}</th>
              <th scope="col">{t('list.status')}</th>
              <th scope="col">{t('list.due')}</th>
              <th scope="col">{t('list.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((ret) => {
              const common = { returnId: ret.id, expectedVersion: ret.version };
              return (
                <tr data-return-id={ret.id}>
                  <td>
                    <a href={href(`orders/${ret.order.id}`)}>{ret.order.reference}</a>
                  </td>
                  <td>{ret.lines.map((line) => `${line.quantity} × ${line.line.productTitle}`).join(', ')}</td>
                  <td>
                    {codeLabel(ret.reason, language)}
                    {ret.comment && <q>{ret.comment}</q>}
                  </td>
                  <td>
                    {codeLabel(ret.status, language)} {ret.refundOverdue && <span class="tag late">{t('returns.refundOverdue')}</span>}
                  </td>
                  <td>{formatDateTime(ret.status === 'REQUESTED' ? ret.decisionDueAt : ret.refundDueAt, language)}</td>
                  <td>
                    {ret.availableActions.includes('ACCEPT') && (
                      <RowAction label={t('returns.accept')} onDone={reload} perform={async () => (await api(ConsoleAcceptReturnDocument, { input: common })).acceptReturn} />
                    )}
                    {ret.availableActions.includes('REJECT') && (
                      <RowAction
                        label={t('returns.reject')}
                        onDone={reload}
                        perform={async (form) =>
                          (
                            await api(ConsoleRejectReturnDocument, {
                              input: { ...common, reason: form.get('reason') as ReturnRejectionReason, message: String(form.get('message') ?? '') || undefined },
                            })
                          ).rejectReturn
                        }
                      >
                        <CodeSelect label={t('form.reason')} name="reason" codes={REJECTION_REASONS} />
                        <label>
                          {t('form.message')} <input name="message" maxLength={2000} />
                        </label>
                      </RowAction>
                    )}
                    {ret.availableActions.includes('MARK_RECEIVED') && (
                      <RowAction label={t('returns.received')} onDone={reload} perform={async () => (await api(ConsoleMarkReturnReceivedDocument, { input: common })).markReturnReceived} />
                    )}
                    {ret.availableActions.includes('REFUND') && (
                      <RowAction
                        label={t('returns.refund')}
                        onDone={reload}
                        perform={async (form) => {
                          const amount = String(form.get('amount') ?? '').trim().replace(',', '.');
                          return (await api(ConsoleRefundReturnDocument, { input: { ...common, amount: amount || undefined } })).refundReturn;
                        }}
                      >
                        <label>
                          {t('form.amount')} <input name="amount" inputMode="decimal" />
                        </label>
                      </RowAction>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
