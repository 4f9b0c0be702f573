/**
 * The message input: Enter sends, Shift+Enter adds a line, the field grows with its text, and a
 * counter appears near the length limit. An image can be attached with the button, pasted or
 * dropped; it is shown as a preview until sent or removed. It calls `onSend(text, file)`, which
 * answers like ChatSession#submit, possibly as a promise (an upload takes a moment); the field is
 * cleared only when the send was accepted.
 */

import { setText } from './dom.js';
import { checkFile } from './attachments.js';

const COUNTER_FROM = 200; // show "N left" when fewer characters than this remain
const MAX_HEIGHT_PX = 160;

export function createComposerView({
  form,
  input,
  sendButton,
  counter,
  maxLength,
  attachButton,
  fileInput,
  preview,
  previewImage,
  previewName,
  previewRemove,
  onSend,
  onRejected,
  onFileError,
  createObjectURL = (file) => URL.createObjectURL(file),
  revokeObjectURL = (url) => URL.revokeObjectURL(url),
}) {
  input.maxLength = maxLength;
  let staged = null; // {file, url}
  let busy = false;

  function refresh() {
    input.style.height = 'auto';
    const borders = input.offsetHeight - input.clientHeight;
    const wanted = input.scrollHeight + borders;
    input.style.height = `${Math.min(wanted, MAX_HEIGHT_PX)}px`;
    input.style.overflowY = wanted > MAX_HEIGHT_PX ? 'auto' : 'hidden';
    sendButton.disabled = busy || (input.value.trim() === '' && staged === null);
    attachButton.disabled = busy;
    form.setAttribute('aria-busy', busy ? 'true' : 'false');
    const left = maxLength - input.value.length;
    counter.hidden = left >= COUNTER_FROM;
    setText(counter, `${left} left`);
  }

  function unstage() {
    if (staged) revokeObjectURL(staged.url);
    staged = null;
    previewImage.removeAttribute('src');
    setText(previewName, '');
    preview.hidden = true;
    fileInput.value = '';
    refresh();
  }

  function stage(file) {
    const checked = checkFile(file);
    if (!checked.ok) {
      onFileError(checked.error);
      fileInput.value = '';
      return;
    }
    if (staged) revokeObjectURL(staged.url);
    staged = { file, url: createObjectURL(file) };
    previewImage.src = staged.url;
    previewImage.alt = `Preview of ${file.name || 'the image'}`;
    setText(previewName, file.name || 'Pasted image');
    preview.hidden = false;
    refresh();
    input.focus();
  }

  async function submit() {
    if (busy) return;
    busy = true;
    refresh();
    let result;
    try {
      result = await onSend(input.value, staged?.file ?? null);
    } catch (error) {
      result = { ok: false, reason: 'error', error };
    }
    busy = false;
    if (result.ok) {
      input.value = '';
      unstage();
    } else {
      onRejected(result.reason, result);
    }
    refresh();
    input.focus();
  }

  const hasContent = () => input.value.trim() !== '' || staged !== null;

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (hasContent()) submit();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      if (hasContent()) submit();
    }
  });
  input.addEventListener('input', refresh);

  attachButton.addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file) stage(file);
  });
  previewRemove.addEventListener('click', () => {
    unstage();
    input.focus();
  });
  input.addEventListener('paste', (event) => {
    const file = [...(event.clipboardData?.files ?? [])].find((f) => f.type.startsWith('image/'));
    if (file) {
      event.preventDefault();
      stage(file);
    }
  });
  form.addEventListener('dragover', (event) => {
    if ([...(event.dataTransfer?.types ?? [])].includes('Files')) {
      event.preventDefault();
      form.classList.add('composer--drop');
    }
  });
  form.addEventListener('dragleave', () => form.classList.remove('composer--drop'));
  form.addEventListener('drop', (event) => {
    form.classList.remove('composer--drop');
    const file = event.dataTransfer?.files?.[0];
    if (file) {
      event.preventDefault();
      stage(file);
    }
  });
  refresh();

  return { focus: () => input.focus(), clearAttachment: unstage };
}
