/**
 * What the page keeps across reloads, behind one small wrapper over a Web Storage object
 * (the browser's local storage, or a Map-backed fake in tests): the identity token, the owner token
 * of each room created here, and the chosen chat background. Storage may be missing or refuse
 * writes (private windows, quota); every call then degrades to "nothing stored" instead of
 * throwing, and the chat still works for this page's lifetime.
 */

export const PREFIX = 'chat.';
export const IDENTITY_KEY = `${PREFIX}identityToken`;
export const THEME_KEY = `${PREFIX}background`;
export const OWNER_PREFIX = `${PREFIX}ownerToken.`;

/** A Storage-shaped object kept in memory: for tests and when the browser gives none. */
export function memoryStorage() {
  const map = new Map();
  return {
    getItem: (key) => (map.has(key) ? map.get(key) : null),
    setItem: (key, value) => void map.set(key, String(value)),
    removeItem: (key) => void map.delete(key),
    key: (index) => [...map.keys()][index] ?? null,
    get length() {
      return map.size;
    },
  };
}

/** get/set/remove/keys that never throw. */
export function safeStore(storage) {
  const attempt = (fn, fallback) => {
    try {
      return storage ? fn() : fallback;
    } catch {
      return fallback;
    }
  };
  return {
    get: (key) => attempt(() => storage.getItem(key), null),
    set: (key, value) => attempt(() => (storage.setItem(key, value), true), false),
    remove: (key) => attempt(() => (storage.removeItem(key), true), false),
    keys: () =>
      attempt(() => {
        const keys = [];
        for (let i = 0; i < storage.length; i += 1) keys.push(storage.key(i));
        return keys.filter((key) => typeof key === 'string');
      }, []),
  };
}

/** The signed identity token of `welcome`/`identity`, presented on every connection. */
export function identityStore(storage) {
  const store = safeStore(storage);
  return {
    token: () => {
      const token = store.get(IDENTITY_KEY);
      return typeof token === 'string' && token !== '' ? token : null;
    },
    save: (token) => (typeof token === 'string' && token !== '' ? store.set(IDENTITY_KEY, token) : false),
    forget: () => store.remove(IDENTITY_KEY),
  };
}

/** The owner tokens of the rooms created on this browser, keyed by room id. */
export function ownerTokenStore(storage) {
  const store = safeStore(storage);
  const key = (roomId) => OWNER_PREFIX + roomId;
  return {
    get: (roomId) => store.get(key(roomId)),
    save: (roomId, token) => (typeof token === 'string' && token !== '' ? store.set(key(roomId), token) : false),
    forget: (roomId) => store.remove(key(roomId)),
    owns: (roomId) => store.get(key(roomId)) !== null,
    /** Ids of every room with a stored token. */
    rooms: () => store.keys().filter((k) => k.startsWith(OWNER_PREFIX)).map((k) => k.slice(OWNER_PREFIX.length)),
  };
}

/** The chat background colour (a hex string), or null when never chosen. */
export function themeStore(storage, normalize = (v) => v) {
  const store = safeStore(storage);
  return {
    load: () => normalize(store.get(THEME_KEY)),
    save: (color) => store.set(THEME_KEY, color),
    forget: () => store.remove(THEME_KEY),
  };
}
