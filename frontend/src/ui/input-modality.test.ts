import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lastInputWasKeyboard, trackInputModality } from './input-modality.ts';

test('the last input decides: nothing yet or a pointer means no ring, a key press means one', () => {
  const target = new EventTarget();
  trackInputModality(target);
  assert.equal(lastInputWasKeyboard(), false);
  target.dispatchEvent(new Event('keydown'));
  assert.equal(lastInputWasKeyboard(), true);
  target.dispatchEvent(new Event('pointerdown'));
  assert.equal(lastInputWasKeyboard(), false);
});
