import { useEffect, useState } from 'preact/hooks';
import { ConsoleMarkThreadReadDocument, ConsoleSendMessageDocument, ConsoleThreadDocument, MessageItemFragment } from '../generated/graphql';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { useApi, useSession } from '../session-context';
import { ErrorOutcome, OutcomeMessage, RequestProblem } from './Outcome';

function merge(messages: MessageItemFragment[], message: MessageItemFragment): MessageItemFragment[] {
  return messages.some((known) => known.id === message.id) ? messages : [...messages, message];
}

/**
 * One thread: its messages oldest first, new ones appended live (messageAdded, or the events replay
 * after a reconnect; the same message twice is shown once), and a form to write. Opening it marks
 * the thread read. With only an order id, the first message sent creates the order's thread.
 */
export function Conversation(props: { threadId: string | null; orderId?: string; onChanged?(): void }) {
  const { t, language } = useI18n();
  const session = useSession();
  const api = useApi();
  const [threadId, setThreadId] = useState(props.threadId);
  const [messages, setMessages] = useState<MessageItemFragment[]>([]);
  const [body, setBody] = useState('');
  const [outcome, setOutcome] = useState<ErrorOutcome | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [reloads, setReloads] = useState(0);

  useEffect(() => setThreadId(props.threadId), [props.threadId]);

  useEffect(() => {
    setMessages([]);
    if (!threadId) return;
    let current = true;
    api(ConsoleThreadDocument, { id: threadId })
      .then(async ({ node }) => {
        if (!current || node?.__typename !== 'MessageThread') return;
        setMessages(node.messages.edges.map((edge) => edge.node));
        if (node.unreadCount > 0) {
          await api(ConsoleMarkThreadReadDocument, { threadId });
          props.onChanged?.();
        }
      })
      .catch((error) => current && setProblem(error));
    return () => {
      current = false;
    };
  }, [threadId, reloads]);

  useEffect(() => session.feed.reconnected.listen(() => setReloads((n) => n + 1)), [session.feed]);
  useEffect(
    () =>
      session.feed.messages.listen((message) => {
        // An order's first message creates its thread: the conversation opened on the order takes it up.
        const ours = threadId ? message.thread.id === threadId : !!props.orderId && message.thread.order?.id === props.orderId;
        if (!ours) return;
        setThreadId(message.thread.id);
        setMessages((shown) => merge(shown, message));
      }),
    [session.feed, threadId, props.orderId],
  );

  const send = async (event: Event) => {
    event.preventDefault();
    setOutcome(null);
    const input = threadId ? { threadId, body, idempotencyKey: crypto.randomUUID() } : { orderId: props.orderId, body, idempotencyKey: crypto.randomUUID() };
    try {
      const { sendMessage: result } = await api(ConsoleSendMessageDocument, { input });
      if (result.__typename === 'Message') {
        setBody('');
        setThreadId(result.thread.id);
        setMessages((shown) => merge(shown, result));
        props.onChanged?.();
      } else if ('code' in result) {
        setOutcome(result);
      }
    } catch (error) {
      setProblem(error);
    }
  };

  return (
    <div class="conversation">
      <RequestProblem error={problem} />
      <ol class="messages" aria-live="polite">
        {messages.map((message) => (
          <li class={`message from-${message.author.type.toLowerCase()}`} data-message-id={message.id}>
            <p class="meta">
              <strong>{message.author.displayName}</strong> · <time dateTime={message.createdAt}>{formatDateTime(message.createdAt, language)}</time>
            </p>
            <p class="body">{message.body}</p>
          </li>
        ))}
      </ol>
      <form class="send" onSubmit={send}>
        <label for="message-body">{t('form.message')}</label>
        <textarea id="message-body" required maxLength={5000} value={body} onInput={(event) => setBody(event.currentTarget.value)} />
        <button type="submit">{t('form.send')}</button>
        <OutcomeMessage outcome={outcome} />
      </form>
    </div>
  );
}
