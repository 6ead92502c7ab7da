/**
 * Text that a Word letter (XML), a PDF and a browser can all hold. XML 1.0 has no place for C0
 * control characters other than tab, line feed and carriage return, for U+FFFE and U+FFFF, or for
 * half of a surrogate pair: such a character, usually pasted in unseen, made the letter's .docx
 * invalid and its PDF a server error. Every form's text drops them on the way in, and the letter
 * drops them again on the way out (for text saved before).
 */
const UNSAFE = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export const xmlSafe = (text: string) => text.replace(UNSAFE, "");
