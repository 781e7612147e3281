import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromProfile, previewableAvatarUrl, toProfileInput } from './profile-form.ts';

test('blank fields are sent as null so they clear; others are trimmed', () => {
  assert.deepEqual(toProfileInput({ displayName: '  Ada ', bio: '', avatarUrl: ' ', location: 'London ' }), {
    displayName: 'Ada',
    bio: null,
    avatarUrl: null,
    location: 'London',
  });
});

test('a bio keeps its line breaks and markup-looking text untouched', () => {
  const bio = 'Line one\n  <img src=x onerror=alert(1)>\n';
  assert.equal(toProfileInput({ displayName: '', bio, avatarUrl: '', location: '' }).bio, bio);
});

test('fromProfile turns nulls into empty inputs', () => {
  assert.deepEqual(fromProfile({ displayName: null, bio: 'b', avatarUrl: null, location: null }), { displayName: '', bio: 'b', avatarUrl: '', location: '' });
});

test('only absolute https URLs are previewed', () => {
  assert.equal(previewableAvatarUrl(' https://images.example.test/a.png '), 'https://images.example.test/a.png');
  assert.equal(previewableAvatarUrl('http://images.example.test/a.png'), null);
  assert.equal(previewableAvatarUrl('javascript:alert(1)'), null);
  assert.equal(previewableAvatarUrl('data:image/png;base64,AAAA'), null);
  assert.equal(previewableAvatarUrl('/relative.png'), null);
  assert.equal(previewableAvatarUrl(''), null);
  assert.equal(previewableAvatarUrl(`https://example.test/${'a'.repeat(2048)}`), null);
});
