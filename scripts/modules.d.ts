// Types for the plain-JS scripts that TypeScript files (tests, Storybook) import.
declare module '*/scripts/workspace.mjs' {
  export const ROOT: string;
  export const PACKAGES: string;
  export function registrations(): Record<string, string[]>;
  export function widgetPackages(): string[];
  export function widgetTags(): string[];
  export function typeScriptProjects(): string[];
}

declare module '*/scripts/manifest.mjs' {
  export function writeManifests(options?: { quiet?: boolean }): {
    widgets: string[];
    elements: string[];
    written: string[];
    manifest: unknown;
  };
}

declare module '*/scripts/chromium.mjs' {
  export function chromiumPath(): string;
  export const chromiumArgs: string[];
}

declare module '*/scripts/static-demo.mjs' {
  export function applyDemoSettings(html: string, env?: Record<string, string | undefined>): string;
  export function renderDemoPage(
    file: string,
    options?: { kitUrl?: string; env?: Record<string, string | undefined> },
  ): string;
  export function startStaticDemo(options?: {
    port?: number;
    env?: Record<string, string | undefined>;
    extraPages?: Record<string, string>;
  }): Promise<{ url: string; port: number; close: () => Promise<void> }>;
  export function writeHostingDemo(
    outDir?: string,
    env?: Record<string, string | undefined>,
    options?: { kitDir?: string },
  ): string;
}

declare module '*/scripts/demo-server.mjs' {
  export function startDemoServer(options?: {
    port?: number;
    env?: Record<string, string>;
  }): Promise<{ url: string; port: number; close: () => Promise<void> }>;
}
