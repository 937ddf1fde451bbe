import { ApiError } from '../api/http';
import type { ErrorCode } from '../generated/graphql';
import { MessageKey, useI18n } from '../i18n';

/** What a mutation's result union says when it is not the entity: in words, next to the form. */
export interface ErrorOutcome {
  __typename: string;
  code: ErrorCode;
  message: string;
  field?: string[];
}

export function isErrorOutcome(result: { __typename: string }): result is ErrorOutcome {
  return 'code' in result && 'message' in result;
}

export function OutcomeMessage(props: { outcome: ErrorOutcome | null; id?: string }) {
  const { t } = useI18n();
  if (!props.outcome) return null;
  const { code, message, field } = props.outcome;
  return (
    <p class="error" role="alert" id={props.id} data-code={code}>
      <strong>{t(`error.${code}` as MessageKey)}</strong> {message}
      {field?.length ? ` (${field.join('.')})` : ''}
    </p>
  );
}

/** A request that failed as a whole (network, limits, a server fault): shown, never thrown away. */
export function RequestProblem(props: { error: unknown }) {
  const { t } = useI18n();
  if (!props.error) return null;
  const message = props.error instanceof ApiError ? props.error.message : String(props.error);
  return (
    <p class="error" role="alert">
      {t('error.request', { message })}
    </p>
  );
}
