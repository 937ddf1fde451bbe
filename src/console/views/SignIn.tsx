import { useState } from 'preact/hooks';
import { useI18n } from '../i18n';

/** One field, labelled "API key" in both languages (the marketplace's own term). */
export function SignIn(props: { onSubmit(secret: string): void; problem: string | null; busy: boolean }) {
  const { t } = useI18n();
  const [secret, setSecret] = useState('');
  return (
    <main class="sign-in">
      <h1>{t('app.title')}</h1>
      <form
        // POST so a browser never puts the key into the URL, even if the script failed to load.
        method="post"
        action="#"
        onSubmit={(event) => {
          event.preventDefault();
          if (secret.trim()) props.onSubmit(secret.trim());
        }}
      >
        <h2>{t('signin.heading')}</h2>
        <label for="api-key">{t('signin.key')}</label>
        <input id="api-key" name="api-key" type="password" autocomplete="off" required value={secret} onInput={(event) => setSecret(event.currentTarget.value)} aria-describedby="api-key-hint" />
        <p id="api-key-hint" class="hint">
          {t('signin.hint')}
        </p>
        {props.problem && (
          <p role="alert" class="error">
            {props.problem}
          </p>
        )}
        <button type="submit" disabled={props.busy}>
          {t('signin.submit')}
        </button>
      </form>
    </main>
  );
}
