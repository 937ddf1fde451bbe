import { ConsoleIncidentsDocument, ConsoleResolveIncidentDocument, IncidentResolution, IncidentStatus } from '../generated/graphql';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { codeLabel } from '../labels';
import { href, navigate } from '../router';
import { useApi } from '../session-context';
import { CodeSelect } from './CodeSelect';
import { RequestProblem } from './Outcome';
import { RowAction } from './RowAction';
import { useList } from './use-list';

const RESOLUTIONS: IncidentResolution[] = ['REPLACED', 'REPAIRED', 'REFUNDED', 'CARRIER_FAULT', 'CUSTOMER_ERROR', 'OTHER'];
const STATUSES: IncidentStatus[] = ['NEW', 'IN_PROGRESS', 'RESOLVED', 'DISPUTED', 'CLOSED'];
/** Open: every status but CLOSED, as the dashboard counts them. */
const OPEN = STATUSES.filter((status) => status !== 'CLOSED').join(',');

export function Incidents(props: { query: URLSearchParams }) {
  const { t, language } = useI18n();
  const api = useApi();
  const statuses = (props.query.get('statuses') ?? '').split(',').filter((status): status is IncidentStatus => STATUSES.includes(status as IncidentStatus));
  const filter = { statuses: statuses.length ? statuses : undefined, orderId: props.query.get('orderId') ?? undefined };
  const { data, problem, reload } = useList(ConsoleIncidentsDocument, { filter });
  return (
    <section aria-labelledby="incidents-heading">
      <h1 id="incidents-heading">{t('incidents.heading')}</h1>
      <div class="filters">
        <label>
          <input
            type="checkbox"
            checked={props.query.get('statuses') === OPEN}
            onChange={(event) => navigate('incidents', { statuses: event.currentTarget.checked ? OPEN : undefined, orderId: filter.orderId })}
          />{' '}
          {t('incidents.openOnly')}
        </label>
      </div>
      <RequestProblem error={problem} />
      {!data ? (
        <p>{t('loading')}</p>
      ) : data.incidents.edges.length === 0 ? (
        <p>{t('list.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('list.order')}</th>
              <th scope="col">{t('list.reason')}</th>
              <th scope="col">{t('list.status')}</th>
              <th scope="col">{t('list.opened')}</th>
              <th scope="col">{t('list.due')}</th>
              <th scope="col">{t('list.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {data.incidents.edges.map(({ node: incident }) => (
              <tr data-incident-id={incident.id}>
                <td>
                  <a href={href(`orders/${incident.order.id}`)}>{incident.order.reference}</a>
                </td>
                <td>{codeLabel(incident.reason, language)}</td>
                <td>
                  {codeLabel(incident.status, language)} {incident.overdue && <span class="tag late">{t('incidents.overdue')}</span>}
                </td>
                <td>{formatDateTime(incident.openedAt, language)}</td>
                <td>{formatDateTime(incident.resolutionDueAt, language)}</td>
                <td>
                  {incident.availableActions.includes('RESOLVE') && (
                    <RowAction
                      label={t('incidents.resolve')}
                      onDone={reload}
                      perform={async (form) =>
                        (
                          await api(ConsoleResolveIncidentDocument, {
                            input: {
                              incidentId: incident.id,
                              expectedVersion: incident.version,
                              resolution: form.get('resolution') as IncidentResolution,
                              message: String(form.get('message') ?? '') || undefined,
                            },
                          })
                        ).markIncidentResolved
                      }
                    >
                      <CodeSelect label={t('form.resolution')} name="resolution" codes={RESOLUTIONS} />
                      <label>
                        {t('form.message')} <input name="message" maxLength={2000} />
                      </label>
                    </RowAction>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
