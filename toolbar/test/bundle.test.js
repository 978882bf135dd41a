import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';

const BUNDLE = new URL('../dist/toolbar.js', import.meta.url);

test('the built toolbar.js defines window.ph_load_toolbar and no other global', () => {
  assert.ok(existsSync(BUNDLE), "toolbar/dist/toolbar.js is missing: run bash -c '. bin/prerequisites.sh; ensure_toolbar'");
  const page = { document: { readyState: 'complete' } };
  page.window = page;
  const before = new Set(Object.keys(page));
  runInNewContext(readFileSync(BUNDLE, 'utf8'), page);
  const added = Object.keys(page).filter((name) => !before.has(name));
  assert.deepEqual(added, ['ph_load_toolbar']);
  assert.equal(typeof page.ph_load_toolbar, 'function');
});
