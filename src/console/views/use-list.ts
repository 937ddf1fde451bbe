import { useEffect, useState } from 'preact/hooks';
import type { TypedDocumentString } from '../generated/graphql';
import { useApi, useSession } from '../session-context';

/**
 * Loads a list screen's first page and reloads it whenever the variables change, after a
 * reconnect, and when the events log (replayed or live) says an order changed: incidents, returns
 * and ratings change their orders too, so an order change is the cue to look again.
 */
export function useList<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables) {
  const session = useSession();
  const api = useApi();
  const [data, setData] = useState<TResult | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [reloads, setReloads] = useState(0);
  const reload = () => setReloads((n) => n + 1);
  const key = JSON.stringify([variables, reloads]);
  useEffect(() => {
    let current = true;
    api(document, variables)
      .then((result) => current && (setData(result), setProblem(null)))
      .catch((error) => current && setProblem(error));
    return () => {
      current = false;
    };
  }, [key]);
  useEffect(() => session.feed.reconnected.listen(reload), [session.feed]);
  useEffect(() => session.feed.orders.listen(reload), [session.feed]);
  return { data, problem, reload };
}
