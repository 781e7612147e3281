import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromProfile, previewableAvatarUrl, profileFormErrors, toProfileInput } from './profile-form.ts';

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

test('values over the server limits are refused per field, counted in code points of the trimmed text', () => {
  const fits = { displayName: `  ${'a'.repeat(100)}  `, bio: '😀'.repeat(2000), avatarUrl: `https://e.test/${'a'.repeat(2048 - 15)}`, location: 'ł'.repeat(100) };
  assert.deepEqual(profileFormErrors(fits), {});
  const over = { displayName: 'a'.repeat(101), bio: '😀'.repeat(2001), avatarUrl: `https://e.test/${'a'.repeat(2048 - 14)}`, location: 'ł'.repeat(101) };
  assert.deepEqual(profileFormErrors(over), {
    displayName: 'Must be at most 100 characters (this is 101).',
    bio: 'Must be at most 2000 characters (this is 2001).',
    avatarUrl: 'Must be at most 2048 characters (this is 2049).',
    location: 'Must be at most 100 characters (this is 101).',
  });
});
