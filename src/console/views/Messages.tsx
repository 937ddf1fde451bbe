import { useEffect, useState } from 'preact/hooks';
import { ConsoleMarkNoReplyNeededDocument, ConsoleThreadsDocument, MessageThreadFilter, ThreadRowFragment } from '../generated/graphql';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { href, navigate } from '../router';
import { useApi, useSession } from '../session-context';
import { Conversation } from './Conversation';
import { RequestProblem } from './Outcome';

/**
 * Threads (unread and awaiting-reply markers) beside the open conversation. A message pushed live
 * reloads the list, so markers and order follow what just arrived.
 */
export function Messages(props: { threadId: string | null; query: URLSearchParams }) {
  const { t, language } = useI18n();
  const session = useSession();
  const api = useApi();
  const filter: MessageThreadFilter = {
    unread: props.query.get('unread') === '1' ? true : undefined,
    awaitingReply: props.query.get('awaitingReply') === '1' ? true : undefined,
  };
  const [threads, setThreads] = useState<ThreadRowFragment[] | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [reloads, setReloads] = useState(0);
  const reload = () => setReloads((n) => n + 1);
  const key = JSON.stringify([filter, reloads]);

  useEffect(() => {
    let current = true;
    api(ConsoleThreadsDocument, { filter })
      .then((data) => current && setThreads(data.messageThreads.edges.map((edge) => edge.node)))
      .catch((error) => current && setProblem(error));
    return () => {
      current = false;
    };
  }, [key]);
  useEffect(() => session.feed.reconnected.listen(reload), [session.feed]);
  useEffect(() => session.feed.messages.listen(reload), [session.feed]);

  const toggle = (name: 'unread' | 'awaitingReply', on: boolean) => {
    const next = { unread: filter.unread ? '1' : undefined, awaitingReply: filter.awaitingReply ? '1' : undefined, [name]: on ? '1' : undefined };
    navigate(props.threadId ? `messages/${props.threadId}` : 'messages', next);
  };
  const selected = threads?.find((thread) => thread.id === props.threadId);

  return (
    <section aria-labelledby="messages-heading" class="messages-screen">
      <h1 id="messages-heading">{t('messages.heading')}</h1>
      <div class="filters">
        <label>
          <input type="checkbox" checked={!!filter.unread} onChange={(event) => toggle('unread', event.currentTarget.checked)} /> {t('messages.unreadOnly')}
        </label>
        <label>
          <input type="checkbox" checked={!!filter.awaitingReply} onChange={(event) => toggle('awaitingReply', event.currentTarget.checked)} />{' '}
          {t('messages.awaitingOnly')}
        </label>
      </div>
      <RequestProblem error={problem} />
      <div class="split">
        <ul class="threads">
          {threads === null && <li>{t('loading')}</li>}
          {threads?.length === 0 && <li>{t('messages.none')}</li>}
          {threads?.map((thread) => (
            <li class={thread.id === props.threadId ? 'thread current' : 'thread'} data-thread-id={thread.id}>
              <a href={href(`messages/${thread.id}`, { unread: filter.unread ? '1' : undefined, awaitingReply: filter.awaitingReply ? '1' : undefined })} aria-current={thread.id === props.threadId ? 'true' : undefined}>
                <strong>{thread.subject}</strong>
              </a>
              <br />
              <small>{formatDateTime(thread.lastMessageAt, language)}</small>{' '}
              {thread.unreadCount > 0 && <span class="tag unread">{t('messages.unread', { n: thread.unreadCount })}</span>}{' '}
              {thread.shopReplyNeededSince && <span class="tag awaiting">{t('messages.awaiting')}</span>}
            </li>
          ))}
        </ul>
        <div class="thread-view">
          {props.threadId ? (
            <>
              {selected?.order && (
                <p>
                  <a href={href(`orders/${selected.order.id}`)}>{selected.order.reference}</a>
                </p>
              )}
              {selected?.shopReplyNeededSince && session.viewer.role === 'SELLER' && (
                <button type="button" onClick={() => void api(ConsoleMarkNoReplyNeededDocument, { threadId: selected.id }).then(reload, setProblem)}>
                  {t('messages.noReplyNeeded')}
                </button>
              )}
              <Conversation threadId={props.threadId} onChanged={reload} />
            </>
          ) : (
            <p>{t('messages.choose')}</p>
          )}
        </div>
      </div>
    </section>
  );
}
