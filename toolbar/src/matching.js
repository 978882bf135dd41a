// Finds the page element a chain was recorded on. A chain names the clicked element and each of its
// ancestors, so a node fits when it and its parents, level by level, show what the chain recorded.
// Rules go from strict to forgiving; the strictest rule any node fits decides: one node is a match,
// several are ambiguous and none is placed. Pure: works on page-tree nodes, never on the DOM.

import { hasIdentity } from './chain.js';
import { attributeKey, tagChildKey } from './page-index.js';

/**
 * @typedef {import('./chain.js').ChainElement} ChainElement
 * @typedef {import('./page-tree.js').PageNode} PageNode
 * @typedef {import('./page-index.js').PageIndex} PageIndex
 * @typedef {{status: 'placed', node: PageNode, rule: string} | {status: 'ambiguous', candidates: number, rule: string}
 *   | {status: 'missing'}} Match
 */

/**
 * Each rule keeps the tag, id, classes and checked attributes of every level; they differ in what the
 * page may have changed since the click: text (counters, translations), the position of an ancestor
 * (a banner inserted above), the element's own position (a list that grew before it).
 */
export const RULES = [
  { name: 'exact', text: true, ancestorPositions: true, ownPositions: true },
  { name: 'text changed', text: false, ancestorPositions: true, ownPositions: true },
  { name: 'ancestors moved', text: false, ancestorPositions: false, ownPositions: true },
  // without any position, only an element with an id, a class or an attribute can be told apart
  { name: 'siblings moved', text: false, ancestorPositions: false, ownPositions: false, needsIdentity: true },
];

/**
 * @param {ChainElement[]} chain
 * @param {PageIndex} index
 * @returns {Match}
 */
export function matchChain(chain, index) {
  if (chain.length === 0) return { status: 'missing' };
  const rules = hasIdentity(chain[0]) ? RULES : RULES.filter((rule) => !rule.needsIdentity);
  let best = rules.length;
  let found = [];
  for (const node of candidates(chain, index)) {
    const fitting = strictestRule(chain, node, rules, best);
    if (fitting < best) {
      best = fitting;
      found = [node];
    } else if (fitting === best && fitting < rules.length) {
      found.push(node);
    }
  }
  if (found.length === 0) return { status: 'missing' };
  if (found.length > 1) return { status: 'ambiguous', candidates: found.length, rule: rules[best].name };
  return { status: 'placed', node: found[0], rule: rules[best].name };
}

/**
 * Matches each distinct chain once: the same chain comes back once per click kind.
 * @param {import('./chain.js').Row[]} rows
 * @param {PageIndex} index
 * @returns {Map<string, Match>} by row hash
 */
export function matchRows(rows, index) {
  const matches = new Map();
  for (const row of rows) {
    if (!matches.has(row.hash)) matches.set(row.hash, matchChain(row.chain, index));
  }
  return matches;
}

// Every node the loosest rule could accept, found from the chain level that names the fewest nodes:
// a card's id or data attribute narrows a list of identical buttons to the one inside it.
function candidates(chain, index) {
  let anchorLevel = 0;
  let anchors = clickedCandidates(chain[0], index);
  for (let level = 1; level < chain.length && anchors.length > 1; level++) {
    const named = namedNodes(chain[level], index);
    if (named !== null && named.length < anchors.length) {
      anchorLevel = level;
      anchors = named;
    }
  }
  let found = anchors;
  for (let level = anchorLevel - 1; level >= 0; level--) {
    const below = [];
    for (const node of found) {
      for (const child of node.children) if (fitsElement(chain[level], child, false, false)) below.push(child);
    }
    found = below;
  }
  return found;
}

function clickedCandidates(clicked, index) {
  const named = namedNodes(clicked, index);
  if (named !== null) return named;
  // every rule left for an element without identity keeps its own position
  if (clicked.tag !== null && clicked.nthChild !== null) return index.byTagAndChild.get(tagChildKey(clicked.tag, clicked.nthChild)) ?? [];
  if (clicked.tag !== null) return index.byTag.get(clicked.tag) ?? [];
  return [];
}

// The smallest index list among the element's id, classes and attributes (no rule relaxes them);
// null when it names none.
function namedNodes(element, index) {
  if (element.id !== null) return index.byId.get(element.id) ?? [];
  let smallest = null;
  for (const name of element.classes) smallest = smaller(smallest, index.byClass.get(name) ?? []);
  for (const [name, value] of element.attributes) smallest = smaller(smallest, index.byAttribute.get(attributeKey(name, value)) ?? []);
  return smallest;
}

function smaller(list, other) {
  return list === null || other.length < list.length ? other : list;
}

// The index of the strictest rule the node fits, checking only rules stricter than `below`;
// `rules.length` when none. The loosest is tried first, as most candidates fit no rule at all.
function strictestRule(chain, node, rules, below) {
  const loosest = rules.length - 1;
  if (!fitsChain(chain, node, rules[loosest])) return rules.length;
  for (let i = 0; i < Math.min(below + 1, loosest); i++) {
    if (fitsChain(chain, node, rules[i])) return i;
  }
  return loosest;
}

function fitsChain(chain, node, rule) {
  let current = node;
  for (let level = 0; level < chain.length; level++) {
    if (current === null) return false;
    const positions = level === 0 ? rule.ownPositions : rule.ancestorPositions;
    if (!fitsElement(chain[level], current, positions, rule.text)) return false;
    current = current.parent;
  }
  return true;
}

/**
 * @param {ChainElement} element
 * @param {PageNode} node
 */
function fitsElement(element, node, positions, text) {
  if (element.tag !== null && element.tag !== node.tag) return false;
  if (element.id !== null && element.id !== node.id) return false;
  for (const name of element.classes) if (!node.classes.has(name)) return false;
  for (const [name, value] of element.attributes) if (node.attributes.get(name) !== value) return false;
  if (positions) {
    if (element.nthChild !== null && element.nthChild !== node.nthChild) return false;
    if (element.nthOfType !== null && element.nthOfType !== node.nthOfType) return false;
  }
  return !text || element.text === null || element.text === node.text();
}
