/**
 * The "New room" dialog: a name, a clear interval and an expiry chosen from what
 * `GET /api/rooms/options` offers (fetched whenever the dialog opens, never hard-coded), and whether
 * newcomers see earlier messages. Client-side checks first; then the server's own refusal text
 * is shown next to the field it names (`field`), or above the buttons when it names none.
 */

import { el, clear, setText } from './dom.js';
import { createModal } from './dialog.js';
import { checkRoomName, choices, createRoom, defaultChoice, fetchRoomOptions, RoomField } from './room-api.js';

const PREFERRED_CLEAR_SECONDS = 300;
const PREFERRED_EXPIRY_SECONDS = 600;

export function createRoomDialogView({ dialog, form, fields, formError, submitButton, cancelButton, fetchImpl, onCreated }) {
  // fields: {name: {input, error}, clearIntervalSeconds: {input, error}, expirySeconds: {input, error}, historyForNewcomers: {input, error}}
  const modal = createModal(dialog);
  let options = null;
  let loading = null;
  let submitting = false;

  function showError(field, text) {
    const target = field && fields[field] ? fields[field] : null;
    if (target) {
      setText(target.error, text);
      target.error.hidden = false;
      target.input.setAttribute('aria-invalid', 'true');
      target.input.focus();
    } else {
      setText(formError, text);
      formError.hidden = false;
    }
  }

  function clearErrors() {
    for (const { input, error } of Object.values(fields)) {
      setText(error, '');
      error.hidden = true;
      input.removeAttribute('aria-invalid');
    }
    setText(formError, '');
    formError.hidden = true;
  }

  /** Replaces the choices; keeps the user's pick when `keep` and it is still offered, else the default. */
  function fillSelect(select, seconds, preferred, keep) {
    const current = select.value;
    clear(select);
    for (const { value, label } of choices(seconds)) select.appendChild(el('option', { text: label, attrs: { value } }));
    select.value = keep && seconds.map(String).includes(current) ? current : String(defaultChoice(seconds, preferred));
  }

  function fillChoices(keep) {
    fillSelect(fields[RoomField.CLEAR_INTERVAL].input, options.clearIntervals, PREFERRED_CLEAR_SECONDS, keep);
    fillSelect(fields[RoomField.EXPIRY].input, options.expiries, PREFERRED_EXPIRY_SECONDS, keep);
  }

  function setBusy(busy) {
    submitting = busy;
    submitButton.disabled = busy || options === null;
    submitButton.setAttribute('aria-busy', busy ? 'true' : 'false');
  }

  async function loadOptions() {
    if (loading) return loading;
    loading = (async () => {
      const result = await fetchRoomOptions(fetchImpl);
      loading = null;
      if (!result.ok) {
        if (options === null) showError(null, `Cannot create rooms right now: ${result.error}`);
        return;
      }
      const first = options === null;
      options = result.options;
      fillChoices(!first);
      setBusy(submitting);
    })();
    return loading;
  }

  async function submit() {
    clearErrors();
    const name = checkRoomName(fields[RoomField.NAME].input.value);
    if (!name.ok) {
      showError(RoomField.NAME, name.error);
      return;
    }
    if (options === null) {
      await loadOptions();
      if (options === null) return;
    }
    setBusy(true);
    const result = await createRoom(fetchImpl, {
      name: name.name,
      clearIntervalSeconds: Number(fields[RoomField.CLEAR_INTERVAL].input.value),
      expirySeconds: Number(fields[RoomField.EXPIRY].input.value),
      historyForNewcomers: fields[RoomField.HISTORY].input.checked,
    });
    setBusy(false);
    if (!result.ok) {
      showError(result.field, result.error);
      if (result.field === RoomField.CLEAR_INTERVAL || result.field === RoomField.EXPIRY) loadOptions(); // the choices may have changed
      return;
    }
    modal.close('created');
    onCreated(result);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!submitting) submit();
  });
  cancelButton.addEventListener('click', () => modal.close('cancel'));
  for (const { input } of Object.values(fields)) {
    input.addEventListener('input', () => {
      input.removeAttribute('aria-invalid');
    });
  }

  return {
    open(from) {
      form.reset();
      clearErrors();
      if (options !== null) fillChoices(false); // the defaults at once; the refresh below keeps the user's pick
      setBusy(false);
      modal.open({ from, focus: fields[RoomField.NAME].input });
      loadOptions(); // the choices are the server's: asked again on every opening
    },
  };
}
