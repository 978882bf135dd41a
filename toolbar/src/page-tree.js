// A one-pass copy of the page's elements as posthog-js would describe them (tag, id, classes,
// attributes as recorded, positions counted from 1, text), so matching is pure and works on plain
// objects in unit tests as on the live DOM. Only element children are walked: shadow roots are not entered.

/**
 * What the copy needs from a tree of elements; `browserTree` reads the DOM, tests pass plain objects.
 * @typedef {object} Tree
 * @property {(element: any) => string} tagName
 * @property {(element: any) => Iterable<[string, string]>} attributes
 * @property {(element: any) => any[]} children element children, in document order
 * @property {(element: any) => string[]} textNodes the contents of the element's own text nodes
 */

/**
 * @typedef {object} PageNode
 * @property {string} tag
 * @property {string|null} id
 * @property {Set<string>} classes
 * @property {Map<string, string>} attributes values cut as posthog-js cuts them
 * @property {number} nthChild
 * @property {number} nthOfType
 * @property {PageNode|null} parent
 * @property {PageNode[]} children
 * @property {any} source the element this node describes
 * @property {() => string} text the text posthog-js would record for it (computed once, when first asked)
 */

const RECORDED_VALUE_LENGTH = 1024; // posthog-js cuts attribute values there and appends '...'
const RECORDED_TEXT_LENGTH = 400; // and keeps that much text in a chain
const TEXT_NODE_LENGTH = 255;

/**
 * @param {any} root the top element (the document element: body's position is part of every chain)
 * @param {Tree} tree
 * @param {(element: any) => boolean} [skip] elements left out with their subtree (the toolbar's own host)
 * @returns {PageNode[]} every node, in document order
 */
export function copyTree(root, tree, skip = () => false) {
  const nodes = [];
  const pending = [[root, null, 1, 1]];
  while (pending.length > 0) {
    const [element, parent, nthChild, nthOfType] = pending.pop();
    const node = describe(element, parent, nthChild, nthOfType, tree);
    nodes.push(node);
    if (parent !== null) parent.children.push(node);
    const children = tree.children(element).filter((child) => !skip(child));
    const seenOfTag = new Map();
    const described = children.map((child, index) => {
      const tag = tree.tagName(child).toLowerCase();
      const ofType = (seenOfTag.get(tag) ?? 0) + 1;
      seenOfTag.set(tag, ofType);
      return [child, node, index + 1, ofType];
    });
    for (let i = described.length - 1; i >= 0; i--) pending.push(described[i]);
  }
  return nodes;
}

function describe(element, parent, nthChild, nthOfType, tree) {
  const attributes = new Map();
  for (const [name, value] of tree.attributes(element)) attributes.set(name.toLowerCase(), recorded(value));
  const classes = new Set((attributes.get('class') ?? '').split(/\s+/).filter((c) => c !== ''));
  const tag = tree.tagName(element).toLowerCase();
  let text = null;
  const node = {
    tag,
    id: attributes.get('id') || null,
    classes,
    attributes,
    nthChild,
    nthOfType,
    parent,
    children: [],
    source: element,
    text: () => (text ??= recordedText(element, tag, tree)),
  };
  return node;
}

function recorded(value) {
  return value.length > RECORDED_VALUE_LENGTH ? value.slice(0, RECORDED_VALUE_LENGTH) + '...' : value;
}

// Links and buttons add the text of the spans inside them; other elements only their own text nodes.
function recordedText(element, tag, tree) {
  const text = tag === 'a' || tag === 'button' ? `${ownText(element, tree)} ${spanText(element, tree)}`.trim() : ownText(element, tree);
  return text.slice(0, RECORDED_TEXT_LENGTH);
}

function ownText(element, tree) {
  return tree.textNodes(element).map(safeText).join('').trim();
}

function safeText(raw) {
  return raw.trim().replace(/[\r\n]/g, ' ').replace(/ +/g, ' ').slice(0, TEXT_NODE_LENGTH);
}

function spanText(element, tree) {
  let text = '';
  for (const child of tree.children(element)) {
    if (tree.tagName(child).toLowerCase() !== 'span') continue;
    text = `${text} ${ownText(child, tree)}`.trim();
    text = `${text} ${spanText(child, tree)}`.trim();
  }
  return text;
}

/** @type {Tree} */
export const browserTree = {
  tagName: (element) => element.tagName,
  attributes: (element) => Array.from(element.attributes, (a) => [a.name, a.value]),
  children: (element) => Array.from(element.children),
  textNodes: (element) => Array.from(element.childNodes).filter((n) => n.nodeType === 3).map((n) => n.textContent ?? ''),
};
