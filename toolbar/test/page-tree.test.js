import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyTree } from '../src/page-tree.js';
import { demoShop } from './fixtures/demo-shop.js';
import { el, page, plainTree } from './plain-page.js';

function nodeOf(root, source) {
  return copyTree(root, plainTree).find((node) => node.source === source);
}

test('positions count element siblings from 1, of any tag and of the same tag, as posthog-js does', () => {
  const shop = demoShop();
  const note = nodeOf(shop.root, shop.note);
  assert.equal(note.nthChild, 2);
  assert.equal(note.nthOfType, 2);
  const button = nodeOf(shop.root, shop.addToCart);
  assert.equal(button.nthChild, 3, 'text nodes between the elements do not count');
  assert.equal(button.nthOfType, 1);
  assert.equal(button.parent.parent.parent.tag, 'body');
  assert.equal(button.parent.parent.parent.nthChild, 2);
});

test('an element records only its own text nodes, trimmed and joined without spaces', () => {
  const shop = demoShop();
  const cart = shop.root.children[1].children[0].children[2];
  assert.equal(nodeOf(shop.root, cart).text(), 'Cart ()');
  const spaced = el('div', {}, '  two\n  lines  ', el('b', {}, 'bold'), ' end ');
  assert.equal(nodeOf(page(spaced), spaced).text(), 'two linesend');
});

test('links and buttons add the text of the spans inside them', () => {
  const button = el('button', {}, 'Buy ', el('span', {}, 'now', el('span', {}, '!')), el('b', {}, 'ignored'));
  assert.equal(nodeOf(page(button), button).text(), 'Buy now !');
});

test('attribute values are cut where posthog-js cuts them, text at 400 characters', () => {
  const long = el('div', { title: 'x'.repeat(2000) }, 'y'.repeat(300), el('i'), 'z'.repeat(300));
  const node = nodeOf(page(long), long);
  assert.equal(node.attributes.get('title'), 'x'.repeat(1024) + '...');
  assert.equal(node.text(), ('y'.repeat(255) + 'z'.repeat(255)).slice(0, 400));
});

test('classes come from the class attribute split on whitespace, tags in lower case', () => {
  const button = el('BUTTON', { class: '  btn \n primary ', ID: 'go' });
  const node = nodeOf(page(button), button);
  assert.equal(node.tag, 'button');
  assert.deepEqual([...node.classes], ['btn', 'primary']);
  assert.equal(node.id, 'go');
});

test('a skipped element and its subtree are left out of the copy, and shift no positions before it', () => {
  const host = el('div', { id: 'clickmap-toolbar' }, el('p'));
  const last = el('p');
  const nodes = copyTree(page(el('p'), last, host), plainTree, (element) => element === host);
  assert.equal(nodes.some((node) => node.source === host), false);
  assert.equal(nodes.find((node) => node.source === last).nthChild, 2);
});
