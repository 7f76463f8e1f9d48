import type { InlineButton } from '../api/types';
import { BUTTON_TEXT_MAX, KEYBOARD_BUTTONS_MAX, KEYBOARD_ROW_MAX } from '../telegram/limits';

interface Props {
  keyboard: InlineButton[][];
  onChange: (keyboard: InlineButton[][]) => void;
  errors: Record<string, string>;
}

/** Rows of URL buttons under the message. Error keys are the API's field paths (content.keyboard[r][b].url). */
export function ButtonsEditor({ keyboard, onChange, errors }: Props) {
  const update = (r: number, b: number, patch: Partial<InlineButton>) =>
    onChange(keyboard.map((row, ri) => (ri !== r ? row : row.map((btn, bi) => (bi === b ? { ...btn, ...patch } : btn)))));
  const remove = (r: number, b: number) =>
    onChange(keyboard.map((row, ri) => (ri === r ? row.filter((_, bi) => bi !== b) : row)).filter((row) => row.length > 0));
  const addButton = (r: number) => onChange(keyboard.map((row, ri) => (ri === r ? [...row, { text: '', url: 'https://' }] : row)));
  const addRow = () => onChange([...keyboard, [{ text: '', url: 'https://' }]]);
  const full = keyboard.flat().length >= KEYBOARD_BUTTONS_MAX;

  return (
    <fieldset className="buttons-editor">
      <legend>Buttons</legend>
      {keyboard.length === 0 && <p className="muted">No buttons. Add a row to put link buttons under the message.</p>}
      {keyboard.map((row, r) => (
        <div className="button-row" key={r} role="group" aria-label={`Button row ${r + 1}`}>
          {errors[`content.keyboard[${r}]`] && (
            <div className="field-error" role="alert">
              {errors[`content.keyboard[${r}]`]}
            </div>
          )}
          {row.map((button, b) => {
            const path = `content.keyboard[${r}][${b}]`;
            const textError = errors[`${path}.text`];
            const urlError = errors[`${path}.url`] ?? errors[path];
            const n = `row ${r + 1}, button ${b + 1}`;
            return (
              <div className="button-edit" key={b}>
                <label className="sr-only" htmlFor={`btn-text-${r}-${b}`}>
                  Button text ({n})
                </label>
                <input
                  id={`btn-text-${r}-${b}`}
                  placeholder="Button text"
                  value={button.text}
                  maxLength={BUTTON_TEXT_MAX}
                  aria-invalid={textError ? true : undefined}
                  onChange={(e) => update(r, b, { text: e.target.value })}
                />
                <label className="sr-only" htmlFor={`btn-url-${r}-${b}`}>
                  Button URL ({n})
                </label>
                <input
                  id={`btn-url-${r}-${b}`}
                  type="url"
                  placeholder="https://"
                  value={button.url ?? ''}
                  aria-invalid={urlError ? true : undefined}
                  onChange={(e) => update(r, b, { url: e.target.value })}
                />
                <button type="button" className="btn btn-ghost btn-sm" aria-label={`Remove ${n}`} onClick={() => remove(r, b)}>
                  ✕
                </button>
                {(textError || urlError) && (
                  <div className="field-error" role="alert">
                    {textError ?? urlError}
                  </div>
                )}
              </div>
            );
          })}
          {row.length < KEYBOARD_ROW_MAX && !full && (
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => addButton(r)}>
              + Button in row {r + 1}
            </button>
          )}
        </div>
      ))}
      {!full && (
        <button type="button" className="btn btn-secondary btn-sm" onClick={addRow}>
          + Add a row of buttons
        </button>
      )}
    </fieldset>
  );
}
