import { Client } from 'graphql-ws';

export interface LiveEvent {
  cursor: string;
  type: string;
  order: { id: string; reference: string; state: string } | null;
}

const EVENTS = `subscription Events($after: String) {
  events(after: $after) { cursor type order { id reference state } }
}`;

/**
 * Follows the viewer's event log and misses nothing across disconnects: after every reconnection it
 * subscribes again from the last cursor it saw, and the server replays what came in between, each
 * event once. (graphql-ws on its own would re-send the first subscribe, with the cursor it started
 * from.) Needs a client that reconnects by itself (`lazy: false`, see createLiveClient). Store the
 * last cursor (sessionStorage, say) and pass it as `after` to resume after a reload too.
 */
export function followEvents(
  client: Client,
  options: { after: string | null; onEvent: (event: LiveEvent) => void; onError: (error: unknown) => void },
): () => void {
  let lastCursor = options.after;
  let resubscribe = false;
  const subscribeFromLastCursor = () =>
    client.subscribe<{ events: LiveEvent }>(
      { query: EVENTS, variables: { after: lastCursor } },
      {
        next: ({ data, errors }) => {
          if (errors) return options.onError(errors);
          lastCursor = data!.events.cursor;
          options.onEvent(data!.events);
        },
        error: options.onError,
        complete: () => undefined,
      },
    );
  let unsubscribe = subscribeFromLastCursor();
  const offClosed = client.on('closed', () => {
    unsubscribe();
    resubscribe = true;
  });
  const offConnected = client.on('connected', () => {
    if (!resubscribe) return;
    resubscribe = false;
    unsubscribe = subscribeFromLastCursor();
  });
  return () => {
    offClosed();
    offConnected();
    unsubscribe();
  };
}
