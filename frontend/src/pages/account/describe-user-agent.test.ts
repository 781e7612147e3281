import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeUserAgent } from './describe-user-agent.ts';

test('common browsers are named with their system', () => {
  assert.equal(describeUserAgent('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36'), 'Chrome on Linux');
  assert.equal(describeUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1'), 'Safari on iOS');
  assert.equal(describeUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0'), 'Firefox on Windows');
  assert.equal(describeUserAgent('Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/120 Safari/537.36 Edg/120.0'), 'Edge on Windows');
});

test('unknown or missing agents say so', () => {
  assert.equal(describeUserAgent(null), 'Unknown device');
  assert.equal(describeUserAgent(''), 'Unknown device');
  assert.equal(describeUserAgent('SomethingElse/1.0'), 'Unknown device');
  assert.equal(describeUserAgent('node'), 'A script');
});
