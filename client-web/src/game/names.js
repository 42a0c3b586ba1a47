// Generated display names, so the page joins with no prompt (issue 6): "Swift Otter 42" style, 1–24 characters.

const ADJECTIVES = ['Swift', 'Brave', 'Quiet', 'Lucky', 'Clever', 'Bold', 'Rapid', 'Calm', 'Wild', 'Sly', 'Keen', 'Jolly'];
const ANIMALS = ['Otter', 'Falcon', 'Badger', 'Lynx', 'Heron', 'Fox', 'Orca', 'Gecko', 'Raven', 'Puma', 'Wombat', 'Ibis'];

/** The longest name the server accepts (Join option "name"). */
export const MAX_NAME_LENGTH = 24;

/** A fresh random name, e.g. "Keen Lynx 17". */
export function generateName(random = Math.random) {
  const pick = (list) => list[Math.floor(random() * list.length) % list.length];
  return `${pick(ADJECTIVES)} ${pick(ANIMALS)} ${1 + Math.floor(random() * 99)}`;
}

/** The name as the server will accept it (trimmed, inner whitespace collapsed, at most 24 characters), or null. */
export function normaliseName(text) {
  if (typeof text !== 'string') {
    return null;
  }
  const name = Array.from(text.trim().replace(/\s+/g, ' ')).slice(0, MAX_NAME_LENGTH).join('').trim();
  return name.length > 0 ? name : null;
}
