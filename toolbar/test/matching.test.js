import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readRows } from '../src/chain.js';
import { matchChain, matchRows } from '../src/matching.js';
import { ADD_TO_CART_ELEMENTS, DEMO_ROWS, NAV_LINK_ELEMENTS, NOTE_ELEMENTS, demoShop } from './fixtures/demo-shop.js';
import { apiRow, el, indexed, page } from './plain-page.js';

function chainOf(...elements) {
  return readRows([apiRow(1, 'h', '$autocapture', ...elements)])[0].chain;
}

function demoChain(elements) {
  return readRows([{ count: 1, hash: 'h', type: '$autocapture', elements }])[0].chain;
}

test('the demo page\'s recorded chains land on the button, the link and the note exactly', () => {
  const shop = demoShop();
  const index = indexed(shop.root);
  for (const [elements, expected] of [[ADD_TO_CART_ELEMENTS, shop.addToCart], [NAV_LINK_ELEMENTS, shop.sale], [NOTE_ELEMENTS, shop.note]]) {
    const match = matchChain(demoChain(elements), index);
    assert.equal(match.status, 'placed');
    assert.equal(match.node.source, expected);
    assert.equal(match.rule, 'exact');
  }
});

test('an id finds its element among others of the same tag and classes', () => {
  // docs/elements-chain.md's example chain: button#go.btn.btn-primary "Sign up" in div.hero
  const go = el('button', { class: 'btn btn-primary', id: 'go', 'data-track': 'signup' }, 'Sign up');
  const root = page(el('div', { class: 'hero', 'data-track': 'hero' }, el('button', { class: 'btn btn-primary' }, 'Sign up'), go));
  const chain = chainOf(
    { text: 'Sign up', tag_name: 'button', attr_class: ['btn', 'btn-primary'], attr_id: 'go', nth_child: 2, nth_of_type: 1,
      attributes: { 'attr__data-track': 'signup', 'attr__id': 'go' } },
    { tag_name: 'div', attr_class: ['hero'], attributes: { 'attr__data-track': 'hero' } });
  const match = matchChain(chain, indexed(root));
  assert.equal(match.status, 'placed');
  assert.equal(match.node.source, go);
});

test('an id that is no longer on the page places nothing, even where everything else fits', () => {
  const root = page(el('div', { class: 'hero' }, el('button', { class: 'btn' }, 'Sign up')));
  const match = matchChain(chainOf({ tag_name: 'button', attr_class: ['btn'], attr_id: 'go', text: 'Sign up' }), indexed(root));
  assert.equal(match.status, 'missing');
});

test('classes find an element without an id, and every recorded class must be there', () => {
  const buy = el('button', { class: 'btn primary wide' }, 'Pay');
  const root = page(el('form', { id: 'checkout' }, el('button', { class: 'btn' }, 'Back'), buy));
  // docs/events.md's chain, minus its positions
  const chain = chainOf({ tag_name: 'button', attr_class: ['btn', 'primary'], text: 'Pay', attributes: { 'attr__type': 'submit' } },
    { tag_name: 'form', attr_id: 'checkout' });
  assert.equal(matchChain(chain, indexed(root)).status, 'missing', 'type="submit" is recorded but not on the page');
  buy.attributes.type = 'submit';
  const match = matchChain(chain, indexed(root));
  assert.equal(match.status, 'placed');
  assert.equal(match.node.source, buy);
});

test('nth-child tells identical cards apart', () => {
  const cards = [1, 2, 3].map(() => el('li', { class: 'card' }, el('button', { class: 'btn add' }, 'Add to cart')));
  const root = page(el('ul', { class: 'products' }, ...cards));
  const second = chainOf(
    { tag_name: 'button', attr_class: ['add', 'btn'], text: 'Add to cart', nth_child: 1, nth_of_type: 1, attributes: { 'attr__class': 'btn add' } },
    { tag_name: 'li', attr_class: ['card'], nth_child: 2, nth_of_type: 2 },
    { tag_name: 'ul', attr_class: ['products'], nth_child: 1, nth_of_type: 1 },
    { tag_name: 'body', nth_child: 2, nth_of_type: 1 });
  const match = matchChain(second, indexed(root));
  assert.equal(match.status, 'placed');
  assert.equal(match.node.source, cards[1].children[0]);
});

test('a chain that fits several elements equally is ambiguous and places nothing', () => {
  // PostHog's own test chain: an a, third child of a div, positions of the div unknown
  const root = page(el('div', {}, el('a'), el('a'), el('a')), el('div', {}, el('a'), el('a'), el('a')));
  const match = matchChain(chainOf({ tag_name: 'a', nth_child: 3 }, { tag_name: 'div' }), indexed(root));
  assert.deepEqual(match, { status: 'ambiguous', candidates: 2, rule: 'exact' });
});

test('ancestors narrow an element that appears twice down to the one in the recorded place', () => {
  // PostHog's test chain: a.one-class in a button in a div in section#nested
  const nested = el('a', { class: 'one-class', href: '/a-url' });
  const root = page(
    el('div', {}, el('button', {}, el('a', { class: 'one-class', href: '/a-url' }))),
    el('section', { id: 'nested' }, el('div', {}, el('button', {}, nested))));
  const chain = chainOf({ tag_name: 'a', attr_class: ['one-class'], href: '/a-url', nth_child: 1 },
    { tag_name: 'button' }, { tag_name: 'div' }, { tag_name: 'section', attr_id: 'nested' });
  const match = matchChain(chain, indexed(root));
  assert.equal(match.status, 'placed');
  assert.equal(match.node.source, nested);
  assert.equal(matchChain(chain.slice(0, 3), indexed(root)).status, 'ambiguous', 'without the section both fit');
});

test('recorded text picks one of two look-alike buttons when no position was recorded', () => {
  const signUp = el('button', { class: 'btn' }, 'Sign up');
  const root = page(el('div', {}, el('button', { class: 'btn' }, 'Log in'), signUp));
  const match = matchChain(chainOf({ tag_name: 'button', attr_class: ['btn'], text: 'Sign up' }), indexed(root));
  assert.equal(match.status, 'placed');
  assert.equal(match.node.source, signUp);
  assert.equal(match.rule, 'exact');
});

test('text that changed since the click still places the element, as a looser match', () => {
  const shop = demoShop();
  shop.addToCart.children = ['Added ✓'];
  const match = matchChain(demoChain(ADD_TO_CART_ELEMENTS), indexed(shop.root));
  assert.equal(match.status, 'placed');
  assert.equal(match.node.source, shop.addToCart);
  assert.equal(match.rule, 'text changed');
});

test('a banner inserted above the page moves the ancestors, not the match', () => {
  const shop = demoShop();
  shop.root.children[1].children.unshift(el('div', { class: 'banner' }, 'Sale today'));
  const match = matchChain(demoChain(ADD_TO_CART_ELEMENTS), indexed(shop.root));
  assert.equal(match.status, 'placed');
  assert.equal(match.node.source, shop.addToCart);
  assert.equal(match.rule, 'ancestors moved');
});

test('an element that moved among its siblings is found by its classes and attributes alone', () => {
  const shop = demoShop();
  shop.card.children.push(el('p', { class: 'stock' }, 'In stock'));
  shop.card.children.splice(shop.card.children.indexOf(shop.addToCart), 1);
  shop.card.children.push(shop.addToCart); // now the fourth element child
  const match = matchChain(demoChain(ADD_TO_CART_ELEMENTS), indexed(shop.root));
  assert.equal(match.status, 'placed');
  assert.equal(match.rule, 'siblings moved');
});

test('a bare element that moved is not guessed at', () => {
  const root = page(el('main', {}, el('p'), el('div'), el('div')));
  const chain = chainOf({ tag_name: 'div', nth_child: 1, nth_of_type: 1 }, { tag_name: 'main', nth_child: 1, nth_of_type: 1 },
    { tag_name: 'body', nth_child: 2, nth_of_type: 1 });
  assert.equal(matchChain(chain, indexed(root)).status, 'missing');
});

test('a clicked span inside a link is placed on the span, though its recorded href is the link\'s', () => {
  const label = el('span', { class: 'label' }, 'Pricing');
  const root = page(el('nav', {}, el('a', { href: '/pricing' }, label)));
  const chain = chainOf({ tag_name: 'span', attr_class: ['label'], href: '/pricing', text: 'Pricing', nth_child: 1, nth_of_type: 1,
    attributes: { 'attr__class': 'label', 'attr__href': '/pricing' } },
  { tag_name: 'a', href: '/pricing', nth_child: 1, nth_of_type: 1, attributes: { 'attr__href': '/pricing' } });
  const match = matchChain(chain, indexed(root));
  assert.equal(match.status, 'placed');
  assert.equal(match.node.source, label);
});

test('a chain deeper than the page, or with nothing to go by, places nothing', () => {
  const root = page(el('button', { class: 'btn' }));
  const index = indexed(root);
  assert.equal(matchChain(chainOf({ tag_name: 'button', attr_class: ['btn'] }, { tag_name: 'body' }, { tag_name: 'html' }, { tag_name: 'div' }), index).status, 'missing');
  assert.equal(matchChain([], index).status, 'missing');
  assert.equal(matchChain(chainOf({}), index).status, 'missing');
});

test('rows of several kinds with the same chain are matched once, by hash', () => {
  const shop = demoShop();
  const matches = matchRows(readRows(DEMO_ROWS), indexed(shop.root));
  assert.deepEqual([...matches.keys()], ['a11ce0fca27', '5a1e11', '40fe']);
  assert.equal(matches.get('a11ce0fca27').node.source, shop.addToCart);
});

test('5,000 rows on a page of 6,000 elements each land on their own element', (t) => {
  // a long product list: every row is a click on one card's button, recorded as posthog-js would
  const cards = [];
  for (let i = 1; i <= 1500; i++) {
    cards.push(el('li', { class: 'card', 'data-sku': `sku-${i}` }, el('h3', {}, `Product ${i}`), el('span', { class: 'price' }, '9.99'),
      el('button', { class: 'btn add' }, 'Add')));
  }
  const root = page(el('main', {}, el('ul', { class: 'products' }, ...cards)));
  const rows = [];
  for (let i = 1; i <= 5000; i++) {
    const card = ((i - 1) % 1500) + 1;
    const onTitle = i > 3000;
    rows.push(apiRow(5000 - i, `h${i}`, i % 3 === 0 ? '$rageclick' : '$autocapture',
      onTitle ? { tag_name: 'h3', text: `Product ${card}`, nth_child: 1, nth_of_type: 1 }
        : { tag_name: 'button', attr_class: ['add', 'btn'], text: 'Add', nth_child: 3, nth_of_type: 1, attributes: { 'attr__class': 'btn add' } },
      { tag_name: 'li', attr_class: ['card'], nth_child: card, nth_of_type: card, attributes: { 'attr__class': 'card', 'attr__data-sku': `sku-${card}` } },
      { tag_name: 'ul', attr_class: ['products'], nth_child: 1, nth_of_type: 1, attributes: { 'attr__class': 'products' } },
      { tag_name: 'main', nth_child: 1, nth_of_type: 1 },
      { tag_name: 'body', nth_child: 2, nth_of_type: 1 }));
  }
  const started = performance.now();
  const index = indexed(root);
  const matches = matchRows(readRows(rows), index);
  t.diagnostic(`indexed ${index.nodes.length} nodes and matched ${rows.length} rows in ${(performance.now() - started).toFixed(0)} ms`);
  assert.ok(index.nodes.length > 6000);
  const placed = [...matches.values()].filter((m) => m.status === 'placed');
  assert.equal(placed.length, 5000);
  const h4242 = matches.get('h4242');
  assert.equal(h4242.node.source, cards[(4242 - 1) % 1500].children[0]);
});
