import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readRows } from '../src/chain.js';
import { aggregate } from '../src/aggregation.js';
import { matchRows } from '../src/matching.js';
import { heatColour } from '../src/heat-colour.js';
import { ADD_TO_CART_ELEMENTS, DEMO_ROWS, demoShop } from './fixtures/demo-shop.js';
import { apiRow, el, indexed, page } from './plain-page.js';

function demoClickmap(kinds, extraRows = []) {
  const shop = demoShop();
  const rows = readRows([...DEMO_ROWS, ...extraRows]);
  return { shop, clickmap: aggregate(rows, matchRows(rows, indexed(shop.root)), new Set(kinds)) };
}

test('clicks alone count the button 3 times and the link once; the dead click is not counted', () => {
  const { shop, clickmap } = demoClickmap(['$autocapture']);
  assert.deepEqual(clickmap.elements.map((e) => [e.node.source, e.count, e.rank]), [[shop.addToCart, 3, 1], [shop.sale, 1, 2]]);
  assert.equal(clickmap.totalClicks, 4);
  assert.equal(clickmap.elements[0].share, 0.75);
  assert.equal(clickmap.elements[1].heat, 1 / 3);
  assert.equal(clickmap.unplacedRows, 0);
});

test('a rage click on the same button adds to its clicks when both kinds are chosen', () => {
  const { shop, clickmap } = demoClickmap(['$autocapture', '$rageclick']);
  const button = clickmap.elements[0];
  assert.equal(button.node.source, shop.addToCart);
  assert.equal(button.count, 4);
  assert.deepEqual(button.byKind, { $autocapture: 3, $rageclick: 1 });
});

test('dead clicks alone show only the note', () => {
  const { shop, clickmap } = demoClickmap(['$dead_click']);
  assert.deepEqual(clickmap.elements.map((e) => [e.node.source, e.count]), [[shop.note, 1]]);
});

test('two chains of one element (its text changed between clicks) sum on it', () => {
  const earlier = ADD_TO_CART_ELEMENTS.map((e, i) => (i === 0 ? { ...e, text: 'Add to cart (1)' } : e));
  const { shop, clickmap } = demoClickmap(['$autocapture'], [{ count: 2, hash: 'ea41e4', type: '$autocapture', elements: earlier }]);
  assert.equal(clickmap.elements[0].node.source, shop.addToCart);
  assert.equal(clickmap.elements[0].count, 5);
  assert.equal(clickmap.elements[0].exact, false, 'one of its rows matched despite the text');
});

test('rows that could not be placed are counted with their clicks, ambiguous ones apart', () => {
  const root = page(el('div', {}, el('a'), el('a')), el('div', {}, el('a'), el('a')));
  const rows = readRows([
    apiRow(7, 'gone', '$autocapture', { tag_name: 'button', attr_id: 'removed' }),
    apiRow(2, 'twice', '$autocapture', { tag_name: 'a', nth_child: 2 }, { tag_name: 'div' }),
    apiRow(1, 'rage', '$rageclick', { tag_name: 'button', attr_id: 'removed' }),
  ]);
  const clickmap = aggregate(rows, matchRows(rows, indexed(root)), new Set(['$autocapture']));
  assert.deepEqual(
    { rows: clickmap.rows, unplacedRows: clickmap.unplacedRows, unplacedClicks: clickmap.unplacedClicks, ambiguousRows: clickmap.ambiguousRows, elements: clickmap.elements.length },
    { rows: 2, unplacedRows: 2, unplacedClicks: 9, ambiguousRows: 1, elements: 0 });
});

test('equal counts keep the stats API\'s order for their ranks', () => {
  const first = el('button', { id: 'first' });
  const second = el('button', { id: 'second' });
  const rows = readRows([apiRow(2, 'b', '$autocapture', { tag_name: 'button', attr_id: 'second' }),
    apiRow(2, 'a', '$autocapture', { tag_name: 'button', attr_id: 'first' })]);
  const clickmap = aggregate(rows, matchRows(rows, indexed(page(first, second))), new Set(['$autocapture']));
  assert.deepEqual(clickmap.elements.map((e) => [e.node.source, e.rank]), [[second, 1], [first, 2]]);
});

test('badge colours run from pale yellow for the fewest clicks to red for the most', () => {
  assert.deepEqual(heatColour(1), { background: 'hsl(0, 95%, 45%)', text: '#ffffff' });
  assert.deepEqual(heatColour(0), { background: 'hsl(55, 95%, 62%)', text: '#1a1a1a' });
  assert.deepEqual(heatColour(Number.NaN), heatColour(0));
});
