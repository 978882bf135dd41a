// Lookups from what a chain names (id, class, attribute, tag and position) to the page's nodes,
// built once per page copy so that matching thousands of rows never scans the page per row.

/**
 * @typedef {import('./page-tree.js').PageNode} PageNode
 * @typedef {object} PageIndex
 * @property {PageNode[]} nodes
 * @property {Map<string, PageNode[]>} byId
 * @property {Map<string, PageNode[]>} byClass
 * @property {Map<string, PageNode[]>} byAttribute keyed by attributeKey(name, value)
 * @property {Map<string, PageNode[]>} byTag
 * @property {Map<string, PageNode[]>} byTagAndChild keyed by tagChildKey(tag, nthChild)
 */

/**
 * @param {PageNode[]} nodes
 * @returns {PageIndex}
 */
export function indexPage(nodes) {
  const index = { nodes, byId: new Map(), byClass: new Map(), byAttribute: new Map(), byTag: new Map(), byTagAndChild: new Map() };
  for (const node of nodes) {
    if (node.id !== null) add(index.byId, node.id, node);
    for (const name of node.classes) add(index.byClass, name, node);
    for (const [name, value] of node.attributes) add(index.byAttribute, attributeKey(name, value), node);
    add(index.byTag, node.tag, node);
    add(index.byTagAndChild, tagChildKey(node.tag, node.nthChild), node);
  }
  return index;
}

export function attributeKey(name, value) {
  return name + '\u0000' + value;
}

export function tagChildKey(tag, nthChild) {
  return tag + '\u0000' + nthChild;
}

function add(map, key, node) {
  const list = map.get(key);
  if (list) list.push(node);
  else map.set(key, [node]);
}
