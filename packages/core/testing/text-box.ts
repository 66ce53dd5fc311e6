// Shared by stories and component tests, so it imports no test framework.

/**
 * Where `text` is drawn inside `root`: the box of that run of characters, so a story can check the order a reader
 * sees (a right-to-left name can carry the words around it to the wrong side).
 */
export function textBox(root: Element, text: string): DOMRect {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.textContent!.indexOf(text);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + text.length);
    return range.getBoundingClientRect();
  }
  throw new Error(`"${text}" is not drawn inside ${root.localName}`);
}
