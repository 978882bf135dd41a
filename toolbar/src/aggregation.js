// Sums the clicks of the selected kinds per page element: several rows land on one element when its
// chain changed (a text or a class toggled) or when it was clicked in several ways (a rage click is
// also a click). Rows that were not placed are counted, not dropped, so the panel can say how many.

/**
 * @typedef {import('./chain.js').Row} Row
 * @typedef {import('./matching.js').Match} Match
 * @typedef {object} PlacedElement
 * @property {import('./page-tree.js').PageNode} node
 * @property {import('./chain.js').ChainElement} clicked the first chain seen for it, to name it
 * @property {number} count clicks of the selected kinds
 * @property {Record<string, number>} byKind
 * @property {number} share of all clicks of the selected kinds, placed or not (0..1)
 * @property {number} heat count relative to the most clicked element (0..1]
 * @property {number} rank 1 for the most clicked; ties keep the stats API's order
 * @property {boolean} exact whether every row on it matched by the strictest rule
 * @typedef {object} Clickmap
 * @property {PlacedElement[]} elements most clicked first
 * @property {number} totalClicks
 * @property {number} rows rows of the selected kinds
 * @property {number} unplacedRows
 * @property {number} unplacedClicks
 * @property {number} ambiguousRows
 */

/**
 * @param {Row[]} rows in the stats API's order (most clicks first)
 * @param {Map<string, Match>} matches by row hash
 * @param {Set<string>} kinds the click kinds to count
 * @returns {Clickmap}
 */
export function aggregate(rows, matches, kinds) {
  const byNode = new Map();
  let totalClicks = 0;
  let selectedRows = 0;
  let unplacedRows = 0;
  let unplacedClicks = 0;
  let ambiguousRows = 0;
  for (const row of rows) {
    if (!kinds.has(row.type)) continue;
    selectedRows++;
    totalClicks += row.count;
    const match = matches.get(row.hash);
    if (!match || match.status !== 'placed') {
      unplacedRows++;
      unplacedClicks += row.count;
      if (match && match.status === 'ambiguous') ambiguousRows++;
      continue;
    }
    let placed = byNode.get(match.node);
    if (!placed) {
      placed = { node: match.node, clicked: row.chain[0], count: 0, byKind: {}, share: 0, heat: 0, rank: 0, exact: true };
      byNode.set(match.node, placed);
    }
    placed.count += row.count;
    placed.byKind[row.type] = (placed.byKind[row.type] ?? 0) + row.count;
    placed.exact &&= match.rule === 'exact';
  }
  // Array.prototype.sort is stable: equal counts keep the order in which the rows came
  const elements = [...byNode.values()].sort((a, b) => b.count - a.count);
  const most = elements.length > 0 ? elements[0].count : 0;
  elements.forEach((element, i) => {
    element.rank = i + 1;
    element.share = totalClicks > 0 ? element.count / totalClicks : 0;
    element.heat = most > 0 ? element.count / most : 0;
  });
  return { elements, totalClicks, rows: selectedRows, unplacedRows, unplacedClicks, ambiguousRows };
}
