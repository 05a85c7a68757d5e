// Small assertions for the browser tests (node:assert with messages that
// say what a user would have seen).
import assert from 'node:assert/strict';
export { assert };

export function noViolations(violations, where) {
	assert.deepEqual(violations, [], `axe-core violations on ${where}:\n${violations.join('\n')}`);
}

// The devices of DESIGN §1: a cheap phone, the site's tablet, a laptop.
export const PHONE = { width: 360, height: 740 };
export const TABLET = { width: 1280, height: 800 };
export const LAPTOP = { width: 1440, height: 900 };
