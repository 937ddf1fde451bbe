import { useI18n } from '../i18n';
import { codeLabel } from '../labels';

/**
 * A labelled choice among API codes (reasons, resolutions), each in the console's language. With
 * `name` it is a field of a form read on submit; with `value`/`onChange` it is controlled.
 */
export function CodeSelect<Code extends string>(props: {
  label: string;
  codes: readonly Code[];
  name?: string;
  value?: Code;
  onChange?: (code: Code) => void;
}) {
  const { language } = useI18n();
  const { onChange } = props;
  return (
    <label>
      {props.label}{' '}
      <select name={props.name} value={props.value} onChange={onChange && ((event) => onChange(event.currentTarget.value as Code))}>
        {props.codes.map((code) => (
          <option value={code}>{codeLabel(code, language)}</option>
        ))}
      </select>
    </label>
  );
}
