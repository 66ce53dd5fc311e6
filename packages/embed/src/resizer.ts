/**
 * resizer.js: a host page includes it once to give every Cohort Kit embed frame its content's height, so nothing
 * is cut off and nothing scrolls inside. Each frame posts its height; this finds the frame it came from and sets
 * the height. On load it says hello to the frames already there, which answer with their height.
 * A classic script, so it carries no import and declares nothing global.
 */
{
  const context = 'cohort-kit';
  const frames = () => document.getElementsByTagName('iframe');
  addEventListener('message', (event) => {
    const data = event.data as { context?: unknown; action?: unknown; height?: unknown } | null;
    if (!data || data.context !== context || data.action !== 'resize') return;
    const height = Math.ceil(Number(data.height));
    if (!(height > 0)) return;
    for (const frame of frames()) {
      if (frame.contentWindow === event.source) frame.style.height = `${height}px`;
    }
  });
  const hello = () => {
    for (const frame of frames()) frame.contentWindow?.postMessage({ context, action: 'hello' }, '*');
  };
  hello();
  addEventListener('load', hello);
}
