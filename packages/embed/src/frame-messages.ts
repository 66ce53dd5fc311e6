/** The messages between an embed frame and the page that holds it. */
export const CONTEXT = 'cohort-kit';

/** The frame's height, posted on every change: ours, and the form Canvas and other LMSs listen for. */
export const resizeMessages = (height: number) => [
  { context: CONTEXT, action: 'resize', height },
  { subject: 'lti.frameResize', height },
];

/** The host page's resizer saying it is there: the frame answers with its height. */
export const isHello = (data: unknown) =>
  typeof data === 'object' &&
  data !== null &&
  (data as { context?: unknown }).context === CONTEXT &&
  (data as { action?: unknown }).action === 'hello';

/**
 * Posts `root`'s height to the parent each time it changes (the element rendering, a new post, results
 * appearing), and again whenever the parent's resizer says hello.
 */
export function reportHeight(root: Element, win: Window = window): void {
  if (win.parent === win) return;
  let last = -1;
  const post = () => {
    const height = Math.ceil(root.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    for (const message of resizeMessages(height)) win.parent.postMessage(message, '*');
  };
  new ResizeObserver(post).observe(root);
  win.addEventListener('message', (event) => {
    if (event.source !== win.parent || !isHello(event.data)) return;
    last = -1;
    post();
  });
}
