// The stats API's rows as the toolbar reasons about them: one chain of element descriptions, clicked
// element first, holding only what can be checked against the live page. Reading never fails: a field
// that is missing or malformed simply constrains nothing.

/**
 * @typedef {object} ChainElement
 * @property {string|null} tag lower-case tag name, null when the chain did not record one
 * @property {string|null} id
 * @property {string[]} classes
 * @property {Array<[string, string]>} attributes HTML attributes (name without posthog-js's `attr__`) worth checking
 * @property {string|null} text the text posthog-js recorded, null when none
 * @property {number|null} nthChild position among the parent's element children, from 1; null when unknown
 * @property {number|null} nthOfType position among siblings of the same tag, from 1; null when unknown
 */

/**
 * @typedef {object} Row
 * @property {number} count
 * @property {string} hash the chain's hash: rows with the same hash have the same chain
 * @property {string} type `$autocapture`, `$rageclick` or `$dead_click`
 * @property {ChainElement[]} chain
 */

const RECORDED_ATTRIBUTE = 'attr__';

// Covered by the id and class fields, or changed by the page itself between the click and now
// (inline styles, form state, open/closed and pressed states).
const UNCHECKED_ATTRIBUTES = new Set([
  'class', 'id', 'style', 'value', 'checked', 'selected', 'disabled', 'tabindex', 'open', 'hidden',
  'aria-expanded', 'aria-pressed', 'aria-selected', 'aria-checked', 'aria-hidden', 'aria-current', 'aria-busy',
  'data-state',
]);

/**
 * @param {unknown} body the stats API's answer: a bare list of rows
 * @returns {Row[]}
 */
export function readRows(body) {
  if (!Array.isArray(body)) return [];
  return body.filter((row) => row && typeof row === 'object').map(readRow);
}

/** @returns {Row} */
function readRow(row) {
  const elements = Array.isArray(row.elements) ? row.elements.filter((e) => e && typeof e === 'object') : [];
  return {
    count: Number.isFinite(row.count) ? row.count : 0,
    hash: String(row.hash ?? ''),
    type: String(row.type ?? ''),
    chain: elements.map((element, order) => readElement(element, order)),
  };
}

/**
 * @param {object} element an element object of the stats API
 * @param {number} order 0 for the clicked element
 * @returns {ChainElement}
 */
export function readElement(element, order) {
  const tag = nonEmpty(element.tag_name)?.toLowerCase() ?? null;
  const recorded = element.attributes && typeof element.attributes === 'object' ? element.attributes : {};
  // posthog-js copies the outermost link's href onto the clicked element, so on anything but a link
  // it is not the element's own attribute.
  const ownHref = order > 0 || tag === 'a';
  const attributes = new Map();
  for (const [key, value] of Object.entries(recorded)) {
    if (!key.startsWith(RECORDED_ATTRIBUTE) || typeof value !== 'string') continue;
    const name = key.slice(RECORDED_ATTRIBUTE.length).toLowerCase();
    if (UNCHECKED_ATTRIBUTES.has(name) || (name === 'href' && !ownHref)) continue;
    attributes.set(name, unescape(value));
  }
  const href = nonEmpty(element.href);
  if (href !== null && ownHref && !attributes.has('href')) attributes.set('href', unescape(href));
  const id = nonEmpty(element.attr_id) ?? nonEmpty(recorded[RECORDED_ATTRIBUTE + 'id']);
  const text = nonEmpty(element.text);
  return {
    tag,
    id: id === null ? null : unescape(id),
    classes: Array.isArray(element.attr_class) ? element.attr_class.filter((c) => typeof c === 'string' && c !== '') : [],
    attributes: [...attributes],
    text: text === null ? null : unescape(text),
    nthChild: position(element.nth_child),
    nthOfType: position(element.nth_of_type),
  };
}

/** Whether the element carries anything besides its tag and position that few others on a page share. */
export function hasIdentity(element) {
  return element.id !== null || element.classes.length > 0 || element.attributes.length > 0;
}

/** A short human name for the list: `button#go.btn.btn-primary "Sign up"`. */
export function describeElement(element) {
  const name = (element.tag ?? '') + (element.id ? '#' + element.id : '') + element.classes.map((c) => '.' + c).join('');
  if (element.text === null) return name || '(element)';
  const text = element.text.length > 40 ? element.text.slice(0, 39) + '…' : element.text;
  return `${name} "${text}"`.trim();
}

function nonEmpty(value) {
  return typeof value === 'string' && value !== '' ? value : null;
}

// Chains write a quote as \" and the stats API hands values over as stored.
function unescape(value) {
  return value.replace(/\\"/g, '"');
}

// posthog-js counts from 1 and writes 0 when it does not know.
function position(value) {
  return Number.isInteger(value) && value > 0 ? value : null;
}
