import { useI18n } from '../i18n';

/** Switches Polish and English; labelled in the language it switches to. */
export function LanguageSwitch(props: { onSwitch(): void }) {
  const { t, language } = useI18n();
  return (
    <button type="button" class="language" lang={language === 'pl' ? 'en' : 'pl'} aria-label={t('lang.switchLabel')} onClick={props.onSwitch}>
      {t('lang.switch')}
    </button>
  );
}
