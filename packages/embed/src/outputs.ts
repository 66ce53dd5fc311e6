/**
 * The builder's four outputs for one element: the script-tag snippet, the iframe snippet, and two zips that carry
 * the kit itself, a web object (for Storyline, Captivate and Rise) and a SCORM 1.2 or 2004 package.
 */
import { zipSync, strToU8 } from 'fflate';
import { elementMarkup, embedParams, escapeHtml, type EmbedSpec } from './embed-spec.js';

/** Where this deployment serves the kit and the embed pages, and the kit's settings (its script tag's data-*). */
export interface Deployment {
  /** The embed page's address, e.g. https://example.web.app/embed/ */
  embedUrl: string;
  /** The kit's address, e.g. https://example.web.app/kit/cohort-kit.js */
  kitUrl: string;
  /** The kit's settings as `data-*` attributes, without data-space (the builder's space goes there). */
  settings: Record<string, string>;
}

/** The height an iframe snippet starts at: where no resizer runs, longer content scrolls inside the frame. */
export const DEFAULT_FRAME_HEIGHT = 480;

function scriptTag(kitUrl: string, settings: Record<string, string>, space: string | undefined): string {
  const attributes = Object.entries({ ...settings, ...(space ? { 'data-space': space } : {}) })
    .map(([name, value]) => (value === '' ? `\n        ${name}` : `\n        ${name}="${escapeHtml(value)}"`))
    .join('');
  return `<script type="module" src="${escapeHtml(kitUrl)}"${attributes}></script>`;
}

/** The space goes on the script tag; the element keeps its other attributes. */
function splitSpace(spec: EmbedSpec): { space: string | undefined; element: EmbedSpec } {
  const { space, ...attributes } = spec.attributes;
  return { space: typeof space === 'string' ? space : undefined, element: { ...spec, attributes } };
}

export function scriptSnippet(spec: EmbedSpec, deployment: Deployment): string {
  const { space, element } = splitSpace(spec);
  return `${scriptTag(deployment.kitUrl, deployment.settings, space)}\n\n${elementMarkup(element)}\n`;
}

export function frameUrl(spec: EmbedSpec, deployment: Deployment): string {
  return `${deployment.embedUrl}?${embedParams(spec).toString()}`;
}

export function iframeSnippet(spec: EmbedSpec, deployment: Deployment): string {
  const title = `Cohort Kit ${spec.tag.replace(/^cohort-/, '')}`;
  const resizer = new URL('resizer.js', deployment.embedUrl).href;
  return (
    `<iframe src="${escapeHtml(frameUrl(spec, deployment))}" title="${escapeHtml(title)}"\n` +
    `        style="width: 100%; border: 0" height="${DEFAULT_FRAME_HEIGHT}" loading="lazy"></iframe>\n` +
    `<!-- Where the page may hold one script: sizes the frame to its content. -->\n` +
    `<script src="${escapeHtml(resizer)}" async></script>\n`
  );
}

/** The page of a zip: the kit beside it in kit/, the element, and for SCORM the link to the LMS. */
export function packagePage(
  spec: EmbedSpec,
  deployment: Deployment,
  { title, scorm }: { title: string; scorm: boolean },
) {
  const { space, element } = splitSpace(spec);
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(title)}</title>
    ${scriptTag('kit/cohort-kit.js', deployment.settings, space)}
    <style>
      body {
        margin: 0;
        padding: 1rem;
        font-family: system-ui, sans-serif;
      }
    </style>
  </head>
  <body>
${scorm ? '    <cohort-scorm completion="first-contribution"></cohort-scorm>\n' : ''}${elementMarkup(element)
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n')}
  </body>
</html>
`;
}

const escapeXml = escapeHtml;

/** imsmanifest.xml for one SCO, the page, with every file of the package listed. */
export function scormManifest(version: '1.2' | '2004', { title, files }: { title: string; files: string[] }): string {
  const id = `cohort-kit-${
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'activity'
  }`;
  const fileList = files.map((file) => `        <file href="${escapeXml(file)}" />`).join('\n');
  const head =
    version === '1.2'
      ? `<manifest identifier="${id}" version="1"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>`
      : `<manifest identifier="${id}" version="1"
    xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
    xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
    xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
    xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>`;
  const scormType = version === '1.2' ? 'adlcp:scormtype' : 'adlcp:scormType';
  return `<?xml version="1.0" encoding="UTF-8"?>
${head}
  <organizations default="org">
    <organization identifier="org">
      <title>${escapeXml(title)}</title>
      <item identifier="item" identifierref="sco"${version === '1.2' ? ' isvisible="true"' : ''}>
        <title>${escapeXml(title)}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco" type="webcontent" ${scormType}="sco" href="index.html">
${fileList}
    </resource>
  </resources>
</manifest>
`;
}

/** The kit's files, fetched from this deployment, by their path under kit/. */
export async function fetchKit(deployment: Deployment): Promise<Record<string, Uint8Array>> {
  const base = new URL('.', deployment.kitUrl);
  const list = (await (await fetch(new URL('kit-files.json', deployment.embedUrl))).json()) as string[];
  const entries = await Promise.all(
    list.map(async (file) => {
      const response = await fetch(new URL(file, base));
      if (!response.ok) throw new Error(`Could not fetch the kit's ${file}: HTTP ${response.status}`);
      return [`kit/${file}`, new Uint8Array(await response.arrayBuffer())] as const;
    }),
  );
  return Object.fromEntries(entries);
}

export function webObjectZip(spec: EmbedSpec, deployment: Deployment, kit: Record<string, Uint8Array>, title: string) {
  return zipSync({ 'index.html': strToU8(packagePage(spec, deployment, { title, scorm: false })), ...kit });
}

export function scormZip(
  spec: EmbedSpec,
  deployment: Deployment,
  kit: Record<string, Uint8Array>,
  { title, version }: { title: string; version: '1.2' | '2004' },
) {
  const page = strToU8(packagePage(spec, deployment, { title, scorm: true }));
  const manifest = scormManifest(version, { title, files: ['index.html', ...Object.keys(kit)] });
  return zipSync({ 'imsmanifest.xml': strToU8(manifest), 'index.html': page, ...kit });
}
