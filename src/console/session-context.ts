import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { ApiError, execute } from './api/http';
import type { LiveFeed } from './api/live-feed';
import type { ConsoleViewerQuery, TypedDocumentString } from './generated/graphql';

export interface ConsoleSession {
  secret: string;
  viewer: ConsoleViewerQuery['viewer'];
  feed: LiveFeed;
  /** The shop the screens show: the seller's own; for an operator the picked one (null: all shops). */
  shopId: string | null;
  signOut(reason?: string): void;
}

export const SessionContext = createContext<ConsoleSession | null>(null);

export function useSession(): ConsoleSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in console');
  return session;
}

/** Runs an operation with the session's key; a key refused meanwhile (revoked) signs out. */
export function useApi(): <TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables) => Promise<TResult> {
  const session = useSession();
  return async (document, variables) => {
    try {
      return await execute(session.secret, document, variables);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') session.signOut('signin.refused');
      throw error;
    }
  };
}
