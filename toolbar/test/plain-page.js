// Pages for the unit tests, written as plain objects: `el('button', {class: 'btn'}, 'Buy')` is a
// <button class="btn">Buy</button>; strings among the children are its text nodes.

import { copyTree } from '../src/page-tree.js';
import { indexPage } from '../src/page-index.js';

export function el(tag, attributes = {}, ...children) {
  return { tag, attributes, children };
}

/** A whole document: posthog-js's chains end at body, the second child of html. */
export function page(...bodyChildren) {
  return el('html', {}, el('head', {}, el('title', {}, 'a page')), el('body', {}, ...bodyChildren));
}

export const plainTree = {
  tagName: (element) => element.tag,
  attributes: (element) => Object.entries(element.attributes),
  children: (element) => element.children.filter((child) => typeof child === 'object'),
  textNodes: (element) => element.children.filter((child) => typeof child === 'string'),
};

export function indexed(root) {
  return indexPage(copyTree(root, plainTree));
}

/** An element object as the stats API writes it: every key present, nulls where the chain had nothing. */
export function apiElement(fields, order) {
  return {
    text: null, tag_name: null, attr_class: null, href: null, attr_id: null, nth_child: 0, nth_of_type: 0,
    attributes: {}, ...fields, order,
  };
}

export function apiRow(count, hash, type, ...elements) {
  return { count, hash, type, elements: elements.map((fields, order) => apiElement(fields, order)) };
}
