/**
 * The "copy link" button's logic: copy with the Clipboard API, else with the older copy command,
 * else say that the user has to copy it (the view then shows the address selected). Pure: the
 * clipboard and the command are passed in.
 */

/** @returns {Promise<'copied' | 'manual'>} */
export async function copyText(text, { clipboard = null, copyCommand = null } = {}) {
  if (clipboard && typeof clipboard.writeText === 'function') {
    try {
      await clipboard.writeText(text);
      return 'copied';
    } catch {
      // not allowed here (an insecure origin, a denied permission): try the next way
    }
  }
  if (typeof copyCommand === 'function') {
    try {
      if (copyCommand(text)) return 'copied';
    } catch {
      // the command is gone from this browser
    }
  }
  return 'manual';
}
