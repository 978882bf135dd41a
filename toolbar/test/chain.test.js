import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeElement, readRows } from '../src/chain.js';
import { ADD_TO_CART_ELEMENTS, DEMO_ROWS } from './fixtures/demo-shop.js';
import { apiRow } from './plain-page.js';

test('a stats row becomes a chain of what can be checked on the page, clicked element first', () => {
  const [row] = readRows([{ count: 3, hash: 'a11ce0fca27', type: '$autocapture', elements: ADD_TO_CART_ELEMENTS }]);
  assert.equal(row.count, 3);
  assert.equal(row.type, '$autocapture');
  assert.deepEqual(row.chain[0], {
    tag: 'button', id: null, classes: ['btn', 'btn-primary'], attributes: [['data-attr', 'add-to-cart']],
    text: 'Add to cart', nthChild: 3, nthOfType: 1,
  });
  assert.deepEqual(row.chain[1], {
    tag: 'div', id: 'product-42', classes: ['card', 'product'], attributes: [], text: null, nthChild: 1, nthOfType: 1,
  });
  assert.deepEqual(row.chain.map((e) => e.tag), ['button', 'div', 'main', 'body']);
});

test('positions written as 0 by other producers mean unknown, not a position', () => {
  const [row] = readRows([apiRow(1, 'h', '$autocapture', { tag_name: 'a', nth_child: 0, nth_of_type: 0 })]);
  assert.equal(row.chain[0].nthChild, null);
  assert.equal(row.chain[0].nthOfType, null);
});

test('escaped quotes in stored values are read back as quotes', () => {
  const [row] = readRows([apiRow(1, 'h', '$autocapture',
    { tag_name: 'button', text: 'Say \\"hi\\"', attributes: { 'attr__title': 'a \\"b\\"' } })]);
  assert.equal(row.chain[0].text, 'Say "hi"');
  assert.deepEqual(row.chain[0].attributes, [['title', 'a "b"']]);
});

test('a link href copied onto a clicked span is not checked, a link ancestor keeps its own', () => {
  // posthog-js writes the enclosing link's href onto the clicked element when that is not the link
  const [row] = readRows([apiRow(1, 'h', '$autocapture',
    { tag_name: 'span', href: '/pricing', attributes: { 'attr__href': '/pricing' } },
    { tag_name: 'a', href: '/pricing', attributes: { 'attr__href': '/pricing' } })]);
  assert.deepEqual(row.chain[0].attributes, []);
  assert.deepEqual(row.chain[1].attributes, [['href', '/pricing']]);
});

test('state attributes and styles that pages change on their own are not checked', () => {
  const [row] = readRows([apiRow(1, 'h', '$autocapture', {
    tag_name: 'button',
    attributes: { 'attr__style': 'color: red', 'attr__aria-expanded': 'true', 'attr__type': 'button', 'custom': 'x' },
  })]);
  assert.deepEqual(row.chain[0].attributes, [['type', 'button']]);
});

test('anything that is not a row or an element is skipped, never an error', () => {
  assert.deepEqual(readRows({ results: [] }), []);
  const rows = readRows([null, 'x', { count: 'many', elements: [null, {}] }]);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].count, 0);
  assert.deepEqual(rows[0].chain, [{ tag: null, id: null, classes: [], attributes: [], text: null, nthChild: null, nthOfType: null }]);
});

test('the list names an element by tag, id, classes and text', () => {
  const rows = readRows(DEMO_ROWS);
  assert.equal(describeElement(rows[0].chain[0]), 'button.btn.btn-primary "Add to cart"');
  assert.equal(describeElement(rows[0].chain[1]), 'div#product-42.card.product');
});
