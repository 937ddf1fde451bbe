import { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { ErrorOutcome, OutcomeMessage, RequestProblem } from './Outcome';

/**
 * One action on a list row: a button, or a small form when the action needs input. The result's
 * error, if any, shows right under it; success reloads the list.
 */
export function RowAction(props: {
  label: string;
  children?: ComponentChildren;
  perform(form: FormData): Promise<{ __typename: string } & Partial<ErrorOutcome>>;
  onDone(): void;
}) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState<ErrorOutcome | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      class="row-action"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        setOutcome(null);
        try {
          const result = await props.perform(new FormData(event.currentTarget));
          if (result.code && result.message) setOutcome(result as ErrorOutcome);
          else props.onDone();
        } catch (error) {
          setProblem(error);
        } finally {
          setBusy(false);
        }
      }}
    >
      {props.children}
      <button type="submit" disabled={busy}>
        {props.label}
      </button>
      <OutcomeMessage outcome={outcome} />
      <RequestProblem error={problem} />
      {busy && <span class="visually-hidden">{t('loading')}</span>}
    </form>
  );
}
