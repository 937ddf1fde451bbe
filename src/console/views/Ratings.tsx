import { ConsoleRatingsDocument, ConsoleReplyToRatingDocument, ConsoleRequestRatingRemovalDocument, RatingRemovalGround } from '../generated/graphql';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { codeLabel } from '../labels';
import { href, navigate } from '../router';
import { useApi, useSession } from '../session-context';
import { RequestProblem } from './Outcome';
import { RowAction } from './RowAction';
import { useList } from './use-list';

const GROUNDS: RatingRemovalGround[] = ['CUSTOMER_REQUEST', 'NOT_THIS_TRANSACTION', 'RULES_VIOLATION'];

/** Ratings, newest first: reply (or change the reply) and ask the operator to remove one. */
export function Ratings(props: { query: URLSearchParams }) {
  const { t, language } = useI18n();
  const session = useSession();
  const api = useApi();
  const withoutReply = props.query.get('withoutReply') === '1';
  const { data, problem, reload } = useList(ConsoleRatingsDocument, {
    shopId: session.viewer.role === 'OPERATOR' ? session.shopId : null,
    filter: withoutReply ? { withoutReply: true } : null,
  });
  return (
    <section aria-labelledby="ratings-heading">
      <h1 id="ratings-heading">{t('ratings.heading')}</h1>
      <div class="filters">
        <label>
          <input type="checkbox" checked={withoutReply} onChange={(event) => navigate('ratings', { withoutReply: event.currentTarget.checked ? '1' : undefined })} />{' '}
          {t('ratings.withoutReply')}
        </label>
      </div>
      <RequestProblem error={problem} />
      {!data ? (
        <p>{t('loading')}</p>
      ) : data.ratings.edges.length === 0 ? (
        <p>{t('list.none')}</p>
      ) : (
        <ul class="ratings">
          {data.ratings.edges.map(({ node: rating }) => (
            <li data-rating-id={rating.id}>
              <p>
                <span class="stars" aria-label={`${t('list.grade')}: ${rating.grade}/5`}>
                  {'★'.repeat(rating.grade) + '☆'.repeat(5 - rating.grade)}
                </span>{' '}
                <strong>{rating.customer.displayName}</strong> · <a href={href(`orders/${rating.order.id}`)}>{rating.order.reference}</a> ·{' '}
                {formatDateTime(rating.createdAt, language)} {rating.removal !== 'NONE' && <span class="tag">{codeLabel(rating.removal, language)}</span>}
              </p>
              {rating.comment && <blockquote>{rating.comment}</blockquote>}
              {rating.reply && <p class="reply">↳ {rating.reply.body}</p>}
              {rating.availableActions.includes('REPLY') && (
                <RowAction
                  label={t('ratings.reply')}
                  onDone={reload}
                  perform={async (form) => (await api(ConsoleReplyToRatingDocument, { input: { ratingId: rating.id, body: String(form.get('body') ?? '') } })).replyToRating}
                >
                  <label>
                    {t('form.reply')} <input name="body" required maxLength={2000} defaultValue={rating.reply?.body ?? ''} />
                  </label>
                </RowAction>
              )}
              {rating.availableActions.includes('REQUEST_REMOVAL') && (
                <RowAction
                  label={t('ratings.requestRemoval')}
                  onDone={reload}
                  perform={async (form) =>
                    (
                      await api(ConsoleRequestRatingRemovalDocument, {
                        input: { ratingId: rating.id, ground: form.get('ground') as RatingRemovalGround, explanation: String(form.get('explanation') ?? '') },
                      })
                    ).requestRatingRemoval
                  }
                >
                  <label>
                    {t('form.ground')}{' '}
                    <select name="ground">
                      {GROUNDS.map((ground) => (
                        <option value={ground}>{codeLabel(ground, language)}</option>
                      ))}
                    </select>
                  </label>
                  <label>
                    {t('form.explanation')} <input name="explanation" required maxLength={2000} />
                  </label>
                </RowAction>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
