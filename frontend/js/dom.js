/**
 * The one way this UI creates elements: `el(tag, props, ...children)` for HTML and
 * `svgEl(tag, attrs, ...children)` for SVG. Strings become text nodes (never parsed as HTML), so
 * user-provided text cannot turn into markup.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * @param {string} tag
 * @param {object} [props] className, text, attrs {name: value}, dataset, on {event: handler}, hidden
 * @param {...(Node|string|null|undefined|false)} children
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined && props.text !== null) node.textContent = String(props.text);
  if (props.hidden) node.hidden = true;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [name, value] of Object.entries(props.dataset ?? {})) node.dataset[name] = String(value);
  for (const [event, handler] of Object.entries(props.on ?? {})) node.addEventListener(event, handler);
  append(node, ...children);
  return node;
}

/** An SVG element with attributes (numbers and strings), children as in `el`. */
export function svgEl(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, String(value));
  }
  append(node, ...children);
  return node;
}

/** Appends children; strings are added as text nodes. */
export function append(parent, ...children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return parent;
}

/** Replaces an element's text (user text included) safely. */
export function setText(node, text) {
  node.textContent = text === undefined || text === null ? '' : String(text);
}

/** Removes every child of a node. */
export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`missing element #${id}`);
  return node;
}
