// The badge's art: an SVG drawn from its name, the cohort label and the copy number, in the page's brand tokens
// (the shapes take their colours from the element's styles), or the course team's image. Render only.
import { html, svg, type TemplateResult } from 'lit';

export interface ArtInput {
  name: string;
  cohortLabel: string;
  /** What the art says under the name: the copy number ("#7"), or the edition ("20 copies"). */
  mark: string;
  /** An https address set with `create-badge --image`, or ''. */
  image: string;
  /** The text alternative, which names the number. */
  label: string;
}

/** A small stable number from the name, so each badge has its own shape. */
const seedOf = (text: string) => [...text].reduce((hash, char) => (hash * 31 + char.codePointAt(0)!) >>> 0, 7);

/** The name in at most two lines of about 14 characters. */
function lines(name: string): string[] {
  const words = name.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  for (const word of words) {
    const last = out.length - 1;
    if (last >= 0 && out[last]!.length + word.length < 14) out[last] += ` ${word}`;
    else out.push(word);
  }
  if (out.length <= 2) return out;
  return [out[0]!, `${out.slice(1).join(' ').slice(0, 13)}…`];
}

/** A star of `points` points around the centre, as a polygon's points. */
function star(points: number, outer: number, inner: number): string {
  return Array.from({ length: points * 2 }, (_, i) => {
    const radius = i % 2 ? inner : outer;
    const angle = (Math.PI * i) / points - Math.PI / 2;
    return `${(100 + radius * Math.cos(angle)).toFixed(1)},${(100 + radius * Math.sin(angle)).toFixed(1)}`;
  }).join(' ');
}

export function renderArt(input: ArtInput): TemplateResult {
  if (input.image) {
    return html`<img class="art art--image" part="art" src=${input.image} alt=${input.label} />`;
  }
  const points = 8 + (seedOf(input.name) % 5) * 2;
  const name = lines(input.name);
  return html`<svg class="art" part="art" viewBox="0 0 200 200" role="img" aria-label=${input.label}>
    ${svg`<polygon class="art__rim" points=${star(points, 98, 86)}></polygon>
      <circle class="art__face" cx="100" cy="100" r="78"></circle>
      <circle class="art__ring" cx="100" cy="100" r="70"></circle>
      ${name.map(
        (line, i) =>
          svg`<text class="art__name" x="100" y=${(name.length === 1 ? 82 : 72) + i * 20} text-anchor="middle">${line}</text>`,
      )}
      <text class="art__number" x="100" y="128" text-anchor="middle">${input.mark}</text>
      <text class="art__cohort" x="100" y="150" text-anchor="middle">${input.cohortLabel.slice(0, 24)}</text>`}
  </svg>`;
}
