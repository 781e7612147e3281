// Whether the person's last input was the keyboard or a pointer (mouse, touch, pen), for focus
// moved by the app itself. Browsers decide `:focus-visible` for script focus from the element
// that had focus before (and show a ring when nothing had), so a heading focused after a click
// could get a ring; this knows what the person actually did.

let keyboard = false;

/** Listens on `target` (the document) from now on; capture phase, so nothing can hide an event. */
export function trackInputModality(target: Pick<Document, 'addEventListener'>): void {
  target.addEventListener('keydown', () => (keyboard = true), { capture: true });
  target.addEventListener('pointerdown', () => (keyboard = false), { capture: true });
}

/** False until a key was pressed: a ring nobody asked for is the worse mistake. */
export function lastInputWasKeyboard(): boolean {
  return keyboard;
}
